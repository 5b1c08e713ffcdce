import { countryName, destinationOptions, normaliseCountryCode } from './countries';

describe('destination countries', () => {
  it('names a country in the officer language, with its code', () => {
    expect(countryName('SA', 'id')).toBe('Arab Saudi (SA)');
    expect(countryName('SA', 'en')).toBe('Saudi Arabia (SA)');
    expect(countryName('XX', 'id')).toBe('XX');
  });

  it('reads a typed code', () => {
    expect(normaliseCountryCode(' my ')).toBe('MY');
    expect(normaliseCountryCode('MYS')).toBeUndefined();
    expect(normaliseCountryCode('M1')).toBeUndefined();
  });

  it('offers the common destinations with the extra ones, each once, by name', () => {
    const options = destinationOptions(['sa', 'NZ', 'bad'], 'en');
    const codes = options.map((option) => option.code);
    expect(codes).toContain('NZ');
    expect(codes.filter((code) => code === 'SA')).toHaveLength(1);
    expect(codes).not.toContain('BAD');
    const names = options.map((option) => option.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });
});
