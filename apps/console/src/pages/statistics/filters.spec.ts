import {
  chooseProvince,
  readStatisticsSearch,
  regenciesOf,
  regionChoices,
  startOfYear,
  statisticsSearchParameters,
  toStatisticsFilter,
  withDefaults,
} from './filters';

const empty = { from: '', to: '', provinceCode: '', regencyCode: '', destination: '' };

describe('statistics filters in the URL', () => {
  it('reads the Indonesian parameter names, trimmed, the country in capitals', () => {
    const search = new URLSearchParams(
      'dari=2026-01-01&sampai=2026-06-30&provinsi=63&kabupaten=%206371&tujuan=sa',
    );
    expect(readStatisticsSearch(search)).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      provinceCode: '63',
      regencyCode: '6371',
      destination: 'SA',
    });
    expect(readStatisticsSearch(new URLSearchParams())).toEqual(empty);
  });

  it('writes them back, an empty filter removing its parameter', () => {
    expect(statisticsSearchParameters({ ...empty, from: '2026-01-01', destination: 'MY' })).toEqual({
      dari: '2026-01-01',
      sampai: undefined,
      provinsi: undefined,
      kabupaten: undefined,
      tujuan: 'MY',
    });
  });
});

describe('the default period', () => {
  it('starts the year where the API counts, in WIB', () => {
    // 31 December 18:00 UTC is already 1 January in Jakarta.
    expect(startOfYear(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
    expect(startOfYear(new Date('2026-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('fills only a missing start; the end stays the API default (today)', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(withDefaults(empty, now)).toEqual({ ...empty, from: '2026-01-01' });
    expect(withDefaults({ ...empty, from: '2024-03-01' }, now).from).toBe('2024-03-01');
  });
});

describe('toStatisticsFilter', () => {
  it('leaves out the fields not given', () => {
    expect(toStatisticsFilter({ ...empty, from: '2026-01-01', regencyCode: '6372' })).toEqual({
      from: '2026-01-01',
      regencyCode: '6372',
    });
  });
});

describe('region choices', () => {
  const directory = {
    provinces: [
      { code: '63', name: 'Kalimantan Selatan' },
      { code: '64', name: 'Kalimantan Timur' },
    ],
    regencies: [
      { code: '6371', name: 'Kota Banjarmasin', provinceCode: '63' },
      { code: '6372', name: 'Kota Banjarbaru', provinceCode: '63' },
      { code: '6471', name: 'Kota Balikpapan', provinceCode: '64' },
    ],
  };

  it('offers a Disnaker its regencies and their province only', () => {
    const choices = regionChoices(directory, { provinceCodes: [], regencyCodes: ['6372'] });
    expect(choices.provinces.map((province) => province.code)).toEqual(['63']);
    expect(choices.regencies.map((regency) => regency.code)).toEqual(['6372']);
  });

  it('offers a BP3MI its provinces and their regencies, the national agency everything', () => {
    const bp3mi = regionChoices(directory, { provinceCodes: ['64'], regencyCodes: [] });
    expect(bp3mi.regencies.map((regency) => regency.code)).toEqual(['6471']);
    expect(regionChoices(directory, { provinceCodes: [], regencyCodes: [] }).regencies).toHaveLength(3);
  });

  it('narrows the regencies to the chosen province', () => {
    expect(regenciesOf(directory.regencies, '63').map((regency) => regency.code)).toEqual(['6371', '6372']);
    expect(regenciesOf(directory.regencies, '')).toHaveLength(3);
  });

  it('drops a regency outside a newly chosen province', () => {
    const chosen = { ...empty, provinceCode: '63', regencyCode: '6372' };
    expect(chooseProvince(chosen, '64')).toMatchObject({ provinceCode: '64', regencyCode: '' });
    expect(chooseProvince(chosen, '63').regencyCode).toBe('6372');
    expect(chooseProvince(chosen, '').regencyCode).toBe('6372');
  });
});
