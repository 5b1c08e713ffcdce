import type { PlacementFilterInput, PlacementStage, RiskLevel, Sector } from '../../gql/graphql';
import { normaliseCountryCode } from '../../labels/countries';
import { STAGES } from '../../labels/stages';
import { RISK_LEVELS, SECTORS } from './labels';

/** The list's filters as they stand in the URL query (`?tahap=REGISTERED&prosedural=tidak`). */
export interface PlacementFilterSearch {
  stage: string;
  destination: string;
  sector: string;
  procedural: '' | 'ya' | 'tidak';
  risk: string;
  regency: string;
}

/** No filter: every placement the officer may see. */
export const NO_FILTERS: PlacementFilterSearch = {
  stage: '',
  destination: '',
  sector: '',
  procedural: '',
  risk: '',
  regency: '',
};

export const FILTER_PARAMETERS: Record<keyof PlacementFilterSearch, string> = {
  stage: 'tahap',
  destination: 'tujuan',
  sector: 'sektor',
  procedural: 'prosedural',
  risk: 'risiko',
  regency: 'kabupaten',
};

const REGENCY_CODE = /^\d{4}$/;

/** The filters of a URL query; a value the console cannot use (a hand-edited URL) is left out. */
export function readFilterSearch(search: URLSearchParams): PlacementFilterSearch {
  const read = (key: keyof PlacementFilterSearch): string => search.get(FILTER_PARAMETERS[key])?.trim() ?? '';
  const stage = read('stage');
  const sector = read('sector');
  const procedural = read('procedural');
  const risk = read('risk');
  const regency = read('regency');
  return {
    stage: Object.hasOwn(STAGES.id, stage) ? stage : '',
    destination: normaliseCountryCode(read('destination')) ?? '',
    sector: Object.hasOwn(SECTORS.id, sector) ? sector : '',
    procedural: procedural === 'ya' || procedural === 'tidak' ? procedural : '',
    risk: Object.hasOwn(RISK_LEVELS.id, risk) ? risk : '',
    regency: REGENCY_CODE.test(regency) ? regency : '',
  };
}

/** The query parameters of the filters, an empty one removing its parameter. */
export function filterSearchParameters(filters: PlacementFilterSearch): Record<string, string | undefined> {
  return Object.fromEntries(
    (Object.keys(FILTER_PARAMETERS) as (keyof PlacementFilterSearch)[]).map((key) => [
      FILTER_PARAMETERS[key],
      filters[key] || undefined,
    ]),
  );
}

/** Whether a typed regency code is one the API takes (four digits), or empty. */
export function isRegencyCode(text: string): boolean {
  return text === '' || REGENCY_CODE.test(text);
}

/** The API's filter for those in the URL; undefined fields are left out of the request. */
export function toPlacementFilter(filters: PlacementFilterSearch): PlacementFilterInput {
  const filter: PlacementFilterInput = {};
  if (filters.stage) filter.stage = filters.stage as PlacementStage;
  if (filters.destination) filter.destination = filters.destination;
  if (filters.sector) filter.sector = filters.sector as Sector;
  if (filters.procedural) filter.procedural = filters.procedural === 'ya';
  if (filters.risk) filter.riskLevel = filters.risk as RiskLevel;
  if (filters.regency) filter.originRegencyCode = filters.regency;
  return filter;
}

/** A province with the regencies an officer may filter by. */
export interface RegencyGroup {
  province: { code: string; name: string };
  regencies: { code: string; name: string }[];
}

/**
 * The regencies of origin to offer, by province: those of the officer's jurisdiction (its
 * regencies, else its provinces' regencies), every one for a national agency; the one chosen now
 * (a bookmarked filter) is always offered.
 */
export function regencyGroups(
  directory: {
    provinces: readonly { code: string; name: string }[];
    regencies: readonly { code: string; name: string; provinceCode: string }[];
  },
  jurisdiction: { provinceCodes: readonly string[]; regencyCodes: readonly string[] },
  chosen: string,
): RegencyGroup[] {
  const regencies = new Set(jurisdiction.regencyCodes);
  const provinces = new Set(jurisdiction.provinceCodes);
  const offered = (regency: { code: string; provinceCode: string }): boolean =>
    regency.code === chosen ||
    (regencies.size > 0
      ? regencies.has(regency.code)
      : provinces.size === 0 || provinces.has(regency.provinceCode));
  return directory.provinces
    .map((province) => ({
      province: { code: province.code, name: province.name },
      regencies: directory.regencies
        .filter((regency) => regency.provinceCode === province.code && offered(regency))
        .map(({ code, name }) => ({ code, name })),
    }))
    .filter((group) => group.regencies.length > 0);
}
