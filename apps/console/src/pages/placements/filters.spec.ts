import {
  filterSearchParameters,
  isRegencyCode,
  readFilterSearch,
  regencyGroups,
  toPlacementFilter,
} from './filters';

describe('the placement list filters', () => {
  it('reads the URL query into the API filter', () => {
    const filters = readFilterSearch(
      new URLSearchParams(
        'tahap=REGISTERED&tujuan=sa&sektor=DOMESTIC&prosedural=tidak&risiko=HIGH&kabupaten=6371',
      ),
    );
    expect(filters).toEqual({
      stage: 'REGISTERED',
      destination: 'SA',
      sector: 'DOMESTIC',
      procedural: 'tidak',
      risk: 'HIGH',
      regency: '6371',
    });
    expect(toPlacementFilter(filters)).toEqual({
      stage: 'REGISTERED',
      destination: 'SA',
      sector: 'DOMESTIC',
      procedural: false,
      riskLevel: 'HIGH',
      originRegencyCode: '6371',
    });
  });

  it('leaves out what the API would refuse', () => {
    const filters = readFilterSearch(
      new URLSearchParams('tahap=FLYING&tujuan=Saudi&sektor=x&prosedural=maybe&risiko=EXTREME&kabupaten=63'),
    );
    expect(toPlacementFilter(filters)).toEqual({});
  });

  it('asks for procedural placements with ya', () => {
    expect(toPlacementFilter(readFilterSearch(new URLSearchParams('prosedural=ya')))).toEqual({
      procedural: true,
    });
  });

  it('writes the filters back, removing empty ones', () => {
    expect(
      filterSearchParameters({
        stage: 'CLEARED',
        destination: '',
        sector: '',
        procedural: 'ya',
        risk: 'MEDIUM',
        regency: '',
      }),
    ).toEqual({
      tahap: 'CLEARED',
      tujuan: undefined,
      sektor: undefined,
      prosedural: 'ya',
      risiko: 'MEDIUM',
      kabupaten: undefined,
    });
  });

  it('checks a typed regency code', () => {
    expect(isRegencyCode('6371')).toBe(true);
    expect(isRegencyCode('')).toBe(true);
    expect(isRegencyCode('637')).toBe(false);
  });
});

describe('the regencies of origin offered', () => {
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

  it("offers a provincial office its provinces' regencies", () => {
    expect(regencyGroups(directory, { provinceCodes: ['63'], regencyCodes: [] }, '')).toEqual([
      {
        province: { code: '63', name: 'Kalimantan Selatan' },
        regencies: [
          { code: '6371', name: 'Kota Banjarmasin' },
          { code: '6372', name: 'Kota Banjarbaru' },
        ],
      },
    ]);
  });

  it('offers a Disnaker its own regencies, and a national agency every one', () => {
    const disnaker = regencyGroups(directory, { provinceCodes: ['63'], regencyCodes: ['6372'] }, '');
    expect(disnaker.flatMap((group) => group.regencies.map((regency) => regency.code))).toEqual(['6372']);
    const national = regencyGroups(directory, { provinceCodes: [], regencyCodes: [] }, '');
    expect(national.map((group) => group.province.name)).toEqual(['Kalimantan Selatan', 'Kalimantan Timur']);
  });

  it('keeps the regency chosen in a bookmarked filter', () => {
    const groups = regencyGroups(directory, { provinceCodes: ['63'], regencyCodes: [] }, '6471');
    expect(groups.map((group) => group.province.name)).toEqual(['Kalimantan Selatan', 'Kalimantan Timur']);
  });
});
