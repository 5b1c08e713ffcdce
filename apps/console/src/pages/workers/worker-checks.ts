import { nikDisagreements, parseNik, type Sex } from '@lintas/nik';
import { fill } from '../../i18n/locale';

/** What the `regions` query answers: the Kemendagri reference data a NIK is checked against. */
export interface RegionData {
  provinces: readonly Province[];
  regencies: readonly Regency[];
  legacyRegencyCodes: readonly { legacyCode: string; regencyCode: string; name: string }[];
}

export interface Province {
  code: string;
  name: string;
}

export interface Regency {
  code: string;
  name: string;
  provinceCode: string;
}

/** The regencies of one province: a group of a regency select. */
export interface RegencyGroup {
  province: Province;
  regencies: Regency[];
}

/** The regency a NIK's region digits name today; `legacyCode` when the NIK carries a pre-2022 Papua code. */
export interface NikRegion {
  regency: Regency;
  province: Province | undefined;
  legacyCode?: string;
}

export interface RegionIndex {
  regency(code: string): Regency | undefined;
  province(code: string): Province | undefined;
  /** As the API's findRegencyOfNik: a current regency code, or a legacy one and the regency it became. */
  regionOfNik(code: string): NikRegion | undefined;
  /** Provinces by code, each with its regencies by name: the groups of a regency select. */
  byProvince(accepts?: (regency: Regency) => boolean): RegencyGroup[];
}

export function indexRegions(data: RegionData): RegionIndex {
  const provinces = new Map(data.provinces.map((province) => [province.code, province]));
  const regencies = new Map(data.regencies.map((regency) => [regency.code, regency]));
  const legacy = new Map(data.legacyRegencyCodes.map((entry) => [entry.legacyCode, entry.regencyCode]));
  return {
    regency: (code) => regencies.get(code),
    province: (code) => provinces.get(code),
    regionOfNik: (code) => {
      const current = regencies.get(code);
      if (current) return { regency: current, province: provinces.get(current.provinceCode) };
      const today = regencies.get(legacy.get(code) ?? '');
      return today && { regency: today, province: provinces.get(today.provinceCode), legacyCode: code };
    },
    byProvince: (accepts = () => true) =>
      [...provinces.values()]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((province) => ({
          province,
          regencies: data.regencies
            .filter((regency) => regency.provinceCode === province.code && accepts(regency))
            .sort((a, b) => a.name.localeCompare(b.name, 'id')),
        }))
        .filter((group) => group.regencies.length > 0),
  };
}

/**
 * Something wrong with one field, said in the console's own words (messages.ts has a text per
 * key, in each language): never the API's English sentence, which is mapped here to a key.
 */
export type Problem =
  | { key: 'required' }
  | { key: 'nikDigitsOnly' }
  | { key: 'nikLength'; count: number }
  | { key: 'nikBirthDate' }
  | { key: 'nikDistrict' }
  | { key: 'nikSerial' }
  | { key: 'nikInvalid' }
  | { key: 'nikRegion'; code: string }
  | { key: 'nikTaken' }
  | { key: 'birthDateMismatch'; encoded: string }
  | { key: 'birthDateDisagrees' }
  | { key: 'sexMismatch'; sex: Sex }
  | { key: 'birthDateFuture' }
  | { key: 'regencyUnknown' }
  | { key: 'outsideJurisdiction' }
  | { key: 'phoneFormat' }
  | { key: 'passportFormat' }
  | { key: 'other'; message: string };

export type ProblemKey = Problem['key'];

/** The fields a NIK is checked with. */
export type NikField = 'nik' | 'dateOfBirth' | 'sex';

/**
 * The NIK as it is typed, by the API's own rules (`parseNik`, `nikDisagreements`): its structure,
 * its region (when the regions are loaded) and the date of birth and sex it encodes against those
 * entered. Each problem is on the field at fault. A NIK still being typed is not called short
 * until `complete` (the field was left, or the form sent).
 */
export function checkNik(
  nik: string,
  entered: { dateOfBirth: string; sex: Sex | '' },
  regions: RegionIndex | undefined,
  complete: boolean,
): Partial<Record<NikField, Problem>> {
  if (nik === '') return complete ? { nik: { key: 'required' } } : {};
  if (!/^\d*$/.test(nik)) return { nik: { key: 'nikDigitsOnly' } };
  if (nik.length !== 16)
    return complete || nik.length > 16 ? { nik: { key: 'nikLength', count: nik.length } } : {};
  const parsed = parseNik(nik);
  if (!parsed) return { nik: { key: whyNotANik(nik) } };
  const problems: Partial<Record<NikField, Problem>> = {};
  if (regions && !regions.regionOfNik(parsed.regencyCode)) {
    problems.nik = { key: 'nikRegion', code: parsed.regencyCode };
  }
  const recorded = { dateOfBirth: entered.dateOfBirth, sex: entered.sex === '' ? parsed.sex : entered.sex };
  for (const disagreement of nikDisagreements(parsed, recorded, {
    nik: 'nik',
    dateOfBirth: 'dateOfBirth',
    sex: 'sex',
  })) {
    if (disagreement.path === 'dateOfBirth' && entered.dateOfBirth !== '') {
      problems.dateOfBirth = { key: 'birthDateMismatch', encoded: encodedBirthDate(nik) };
    } else if (disagreement.path === 'sex') {
      problems.sex = { key: 'sexMismatch', sex: parsed.sex };
    }
  }
  return problems;
}

/** Which part of a 16-digit NIK parseNik refused: the birth date (digits 7–12), the district or the serial. */
function whyNotANik(nik: string): 'nikBirthDate' | 'nikDistrict' | 'nikSerial' {
  const encodedDay = Number(nik.slice(6, 8));
  const day = encodedDay > 40 ? encodedDay - 40 : encodedDay;
  const month = Number(nik.slice(8, 10));
  const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day < 1 || day > longest) return 'nikBirthDate';
  if (nik.slice(4, 6) === '00') return 'nikDistrict';
  return 'nikSerial';
}

/** The birth date a NIK encodes, as `dd-mm-yy` (the century is not encoded). */
export function encodedBirthDate(nik: string): string {
  const encodedDay = Number(nik.slice(6, 8));
  const day = encodedDay > 40 ? encodedDay - 40 : encodedDay;
  return `${String(day).padStart(2, '0')}-${nik.slice(8, 10)}-${nik.slice(10, 12)}`;
}

/** The API's field errors (`extensions.fields[].message`, in English), each read back into a problem. */
const SERVER_MESSAGES: [RegExp, (match: RegExpExecArray) => Problem][] = [
  [/^is not a valid NIK/, () => ({ key: 'nikInvalid' })],
  [/^must be exactly 16 digits/, () => ({ key: 'nikLength', count: 16 })],
  [
    /^encodes region (\d{4}), which is not a Kemendagri regency/,
    (match) => ({ key: 'nikRegion', code: match[1] ?? '' }),
  ],
  [/already registered/, () => ({ key: 'nikTaken' })],
  [/^does not match the date of birth encoded in the NIK/, () => ({ key: 'birthDateDisagrees' })],
  [
    /^does not match the NIK, which encodes (FEMALE|MALE)/,
    (match) => ({ key: 'sexMismatch', sex: match[1] === 'FEMALE' ? 'FEMALE' : 'MALE' }),
  ],
  [/^is in the future/, () => ({ key: 'birthDateFuture' })],
  [
    /^is not a Kemendagri regency code|^must be a 4-digit Kemendagri regency code/,
    () => ({ key: 'regencyUnknown' }),
  ],
  [/^is outside your jurisdiction/, () => ({ key: 'outsideJurisdiction' })],
  [/^must be a phone number/, () => ({ key: 'phoneFormat' })],
  [/^must be 6 to 9 capital letters or digits/, () => ({ key: 'passportFormat' })],
  [/^must not be blank|^should not be empty/, () => ({ key: 'required' })],
];

/**
 * A field error of the API as a problem in the console's own words; one it does not know keeps
 * its text, under a sentence of the officer's language.
 */
export function serverProblem(message: string): Problem {
  for (const [pattern, problem] of SERVER_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return problem(match);
  }
  return { key: 'other', message };
}

/** A sentence per problem (`{count}`, `{code}`, `{encoded}`, `{sex}`, `{message}` are filled in), and the sexes' words. */
export type ProblemWords = Record<ProblemKey | 'sexFemale' | 'sexMale', string>;

/** A problem in the officer's language. */
export function describeProblem(problem: Problem, words: ProblemWords): string {
  const values: Record<string, string | number> = {};
  if (problem.key === 'nikLength') values.count = problem.count;
  if (problem.key === 'nikRegion') values.code = problem.code;
  if (problem.key === 'birthDateMismatch') values.encoded = problem.encoded;
  if (problem.key === 'sexMismatch') values.sex = problem.sex === 'FEMALE' ? words.sexFemale : words.sexMale;
  if (problem.key === 'other') values.message = problem.message;
  return fill(words[problem.key], values);
}

/** The formats the API checks, checked before sending: the same patterns as RegisterWorkerInput. */
export const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
export const PASSPORT = /^[A-Z0-9]{6,9}$/;
