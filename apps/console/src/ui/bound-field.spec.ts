import { bindField } from './bound-field';

describe('a field bound to a draft', () => {
  it('shows the value and its refusal, and hands on what is chosen', () => {
    const chosen: string[] = [];
    const field = bindField<'' | 'FORMAL'>('', (value) => chosen.push(value), 'Wajib diisi.');
    expect(field.value).toBe('');
    expect(field.error).toBe('Wajib diisi.');
    field.onChange({ target: { value: 'FORMAL' } });
    expect(chosen).toEqual(['FORMAL']);
  });

  it('has no refusal unless one is given', () => {
    expect(bindField('6372', () => undefined).error).toBeUndefined();
  });
});
