/** The report's filters as they stand in the URL query (`/statistik?dari=2026-01-01&provinsi=63`). */
export interface StatisticsSearch {
  from: string;
  to: string;
  provinceCode: string;
  regencyCode: string;
  destination: string;
}

export const NO_FILTERS: StatisticsSearch = {
  from: '',
  to: '',
  provinceCode: '',
  regencyCode: '',
  destination: '',
};

export const SEARCH_PARAMETERS: Record<keyof StatisticsSearch, string> = {
  from: 'dari',
  to: 'sampai',
  provinceCode: 'provinsi',
  regencyCode: 'kabupaten',
  destination: 'tujuan',
};

const KEYS = Object.keys(SEARCH_PARAMETERS) as (keyof StatisticsSearch)[];

/** The filters of a URL query, trimmed; the API judges them, so a hand-edited mistake is shown at its field. */
export function readStatisticsSearch(search: URLSearchParams): StatisticsSearch {
  const values = Object.fromEntries(
    KEYS.map((key) => [key, search.get(SEARCH_PARAMETERS[key])?.trim() ?? '']),
  ) as Record<keyof StatisticsSearch, string>;
  return { ...values, destination: values.destination.toUpperCase() };
}

/** The query parameters of the filters, an empty one removing its parameter. */
export function statisticsSearchParameters(filters: StatisticsSearch): Record<string, string | undefined> {
  return Object.fromEntries(KEYS.map((key) => [SEARCH_PARAMETERS[key], filters[key].trim() || undefined]));
}

/** The first day of the current year where the API counts (WIB): the report's period when none is chosen. */
export function startOfYear(now: Date, timeZone = 'Asia/Jakarta'): string {
  const year = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(now);
  return `${year}-01-01`;
}

/** The filters with the default period filled in: from the start of the year, to today (the API's default). */
export function withDefaults(filters: StatisticsSearch, now: Date): StatisticsSearch {
  return { ...filters, from: filters.from || startOfYear(now) };
}

/** The API's StatisticsFilter (and the CSV's query): only the fields given. */
export function toStatisticsFilter(filters: StatisticsSearch): Partial<StatisticsSearch> {
  return Object.fromEntries(KEYS.filter((key) => filters[key] !== '').map((key) => [key, filters[key]]));
}

export interface RegionOption {
  code: string;
  name: string;
}

export interface RegencyOption extends RegionOption {
  provinceCode: string;
}

/** The part of the officer's agency that bounds what the figures can show. */
export interface Jurisdiction {
  provinceCodes: readonly string[];
  regencyCodes: readonly string[];
}

/**
 * The provinces and regencies worth offering: those of the officer's jurisdiction (a Disnaker its
 * regencies and their province, a BP3MI its provinces), all for an agency bounded by country or
 * not at all. Outside it the API answers zeros, which a choice should not invite.
 */
export function regionChoices(
  directory: { provinces: readonly RegionOption[]; regencies: readonly RegencyOption[] },
  jurisdiction: Jurisdiction,
): { provinces: RegionOption[]; regencies: RegencyOption[] } {
  const { regencyCodes, provinceCodes } = jurisdiction;
  if (regencyCodes.length > 0) {
    const regencies = directory.regencies.filter((regency) => regencyCodes.includes(regency.code));
    const provinces = new Set(regencies.map((regency) => regency.provinceCode));
    return { provinces: directory.provinces.filter((province) => provinces.has(province.code)), regencies };
  }
  if (provinceCodes.length > 0) {
    return {
      provinces: directory.provinces.filter((province) => provinceCodes.includes(province.code)),
      regencies: directory.regencies.filter((regency) => provinceCodes.includes(regency.provinceCode)),
    };
  }
  return { provinces: [...directory.provinces], regencies: [...directory.regencies] };
}

/** The regencies to offer for a chosen province (all offered when none is chosen). */
export function regenciesOf(regencies: readonly RegencyOption[], provinceCode: string): RegencyOption[] {
  return provinceCode ? regencies.filter((regency) => regency.provinceCode === provinceCode) : [...regencies];
}

/** A province chosen anew keeps the regency only when it lies in it; the API would refuse the pair. */
export function chooseProvince(filters: StatisticsSearch, provinceCode: string): StatisticsSearch {
  const keepsRegency = !provinceCode || filters.regencyCode.startsWith(provinceCode);
  return { ...filters, provinceCode, regencyCode: keepsRegency ? filters.regencyCode : '' };
}
