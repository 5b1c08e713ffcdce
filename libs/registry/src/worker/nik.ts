/**
 * The NIK's rules, shared with the console (apps/console imports this file as `@lintas/nik` to
 * check a NIK as it is typed): so it imports nothing, and says its field errors in their shape.
 */
export interface NikFieldError {
  path: string;
  message: string;
}

export type Sex = 'FEMALE' | 'MALE';

/**
 * A NIK read apart: `PP KK CC DDMMYY SSSS` — province, regency and district where the person was
 * first registered, the date of birth with 40 added to the day for women, and a serial number.
 */
export interface ParsedNik {
  provinceCode: string;
  /** `PPKK`, a Kemendagri regency code as it was at registration (may be a legacy Papua code). */
  regencyCode: string;
  districtCode: string;
  birthDay: number;
  birthMonth: number;
  /** The century is not encoded, only the last two digits of the year. */
  birthYearOfCentury: number;
  sex: Sex;
  serial: string;
}

export function parseNik(nik: string): ParsedNik | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{4})$/.exec(nik);
  if (!match) return undefined;
  const [, province = '', regency = '', district = '', day = '', month = '', year = '', serial = ''] = match;
  const encodedDay = Number(day);
  const sex: Sex = encodedDay > 40 ? 'FEMALE' : 'MALE';
  const birthDay = sex === 'FEMALE' ? encodedDay - 40 : encodedDay;
  const birthMonth = Number(month);
  // The century is unknown, so 29 February is always possible; 30 February never is.
  const longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][birthMonth - 1] ?? 0;
  if (birthDay < 1 || birthDay > longestMonth || serial === '0000' || district === '00') {
    return undefined;
  }
  return {
    provinceCode: province,
    regencyCode: `${province}${regency}`,
    districtCode: district,
    birthDay,
    birthMonth,
    birthYearOfCentury: Number(year),
    sex,
    serial,
  };
}

/**
 * What the NIK says against what was recorded: the date of birth (day, month, year within the
 * century) and the sex, which the day encodes. Each disagreement names the field at fault.
 */
export function nikDisagreements(
  nik: ParsedNik,
  recorded: { dateOfBirth: string; sex: Sex },
  paths: { nik: string; dateOfBirth: string; sex: string },
): NikFieldError[] {
  const [year, month, day] = recorded.dateOfBirth.split('-').map(Number);
  const errors: NikFieldError[] = [];
  if (nik.birthDay !== day || nik.birthMonth !== month || nik.birthYearOfCentury !== (year ?? 0) % 100) {
    errors.push({ path: paths.dateOfBirth, message: 'does not match the date of birth encoded in the NIK' });
  }
  if (nik.sex !== recorded.sex) {
    errors.push({
      path: paths.sex,
      message: `does not match the NIK, which encodes ${nik.sex} (40 is added to the day of birth for women)`,
    });
  }
  return errors;
}
