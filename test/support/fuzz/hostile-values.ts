import fc from 'fast-check';

/**
 * Leaf values for the mutation fuzz, by GraphQL type. `fillers` may or may not be valid for a field
 * (SQL and script fragments, confusables, far dates): they ride along with a breaker elsewhere, so
 * they reach validation and the services without ever being stored. `breakers` are certainly
 * invalid wherever that type appears in a Lintas mutation: GraphQL refuses them, or a rule every
 * field of the type carries does (length limits, control characters, ids Lintas never issued).
 */
export interface LeafValues {
  fillers: fc.Arbitrary<unknown>;
  breakers: fc.Arbitrary<Broken>;
}

export interface Broken {
  value: unknown;
  /** How the value is wrong, for the failure message. */
  how: string;
}

const broken =
  (how: string) =>
  (value: unknown): Broken => ({ value, how });
const labelled = (how: string, values: unknown[]): fc.Arbitrary<Broken> =>
  fc.constantFrom(...values).map(broken(how));

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** Strings an attacker, a copy-paste or a broken client sends; each may still be a fine value. */
export const HOSTILE_TEXT = [
  "' OR 1=1 --",
  "'; DROP TABLE worker; --",
  '; DROP TABLE worker;',
  '" OR ""="',
  "1' UNION SELECT username, password_hash FROM user_account --",
  '$1',
  '%s%s%n',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '',
  ' ',
  '\t\n',
  'Ѕіtі Аmіnаh', // Cyrillic letters that look Latin
  'Siti\u202eharmiA', // right-to-left override
  'Si\u200bti\u200d\u2060Aminah', // zero-width space, joiner, word joiner
  '\ufeffSiti', // byte order mark
  'ﬁ ǅ İ ß', // ligatures and letters that change length when cased
  'Ｓｉｔｉ', // full-width
  '١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦', // Arabic-Indic digits where digits are expected
  '６３７２', // full-width digits
  '🇮🇩👩🏽‍🌾',
  'e\u0301\u0301\u0301\u0301',
  '\u00a0\u2003',
];

/** Text that Lintas refuses whatever the field: control characters, NUL among them. */
const CONTROL_TEXT = [
  '\u0000',
  'Siti\u0000Aminah',
  '\u0007bell',
  'esc\u001b[31m',
  'del\u007f',
  '\u0000\u0000',
];
/** Not Unicode at all: a half of a surrogate pair, which no storage could keep as sent. */
const LONE_SURROGATES = ['\ud800', 'Siti\udc00', 'a\udbffb', '\udfff\ud800'];

const HUGE = 100_000;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom(...HOSTILE_TEXT))
      .map(([a, b]) => `${a}${b}`),
  },
);

/** A string no Lintas field takes: too long for every limit, control characters, lone surrogates. */
const brokenString: fc.Arbitrary<Broken> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('x', 'é', '🇮🇩', "' OR 1=1 --", '<script>'),
      fc.integer({ min: HUGE, max: HUGE + 10 }),
    )
    .map(([unit, length]) =>
      broken(`a string of ${length}+ characters`)(unit.repeat(Math.ceil(length / unit.length))),
    ),
  fc
    .tuple(fc.constantFrom(...CONTROL_TEXT), fc.constantFrom(...HOSTILE_TEXT))
    .map(([control, text]) => broken('control characters')(`${text}${control}${text}`)),
  fc
    .tuple(fc.constantFrom(...LONE_SURROGATES), fc.constantFrom(...HOSTILE_TEXT))
    .map(([surrogate, text]) => broken('a lone surrogate')(`${text}${surrogate}`)),
);

/** JSON values of another shape than a scalar: GraphQL refuses them for any scalar. */
const NOT_A_SCALAR = [{}, { value: 'x' }, [{}], [[1]]];

const wrongTypeFor = (name: string, values: unknown[]): fc.Arbitrary<Broken> =>
  labelled(`not a ${name}`, values);

export const STRING: LeafValues = {
  fillers: hostileString,
  breakers: fc.oneof(
    brokenString,
    wrongTypeFor('String', [0, -1, 1.5, 1e21, true, false, [1], ...NOT_A_SCALAR]),
  ),
};

const MALFORMED_IDS = [
  '0',
  '-1',
  '1 OR 1=1',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'null',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-0000000000000',
  '{00000000-0000-4000-8000-000000000000}',
  '00000000000040008000000000000000',
  ' 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  '3fa85f64-5717-4562-b3fc-2c963f66afa6\n',
  '3fa85f64-5717-4562-b3fc-2c963f66afa6\u200b',
  '３fa85f64-5717-4562-b3fc-2c963f66afa6',
];

/** Ids: world ids of every kind (which may fit the field), random ones, and broken ones. */
export function idValues(worldIds: string[]): LeafValues {
  return {
    fillers: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...worldIds) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: hostileString },
    ),
    breakers: fc.oneof(
      fc.uuid({ version: 4 }).map(broken('an id Lintas never issued')),
      labelled('an id Lintas never issued', [
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ]),
      labelled('a malformed id', MALFORMED_IDS),
      fc.integer({ min: INT_MIN, max: INT_MAX }).map(broken('a number for an id')),
      brokenString,
      wrongTypeFor('ID', [1.5, true, ...NOT_A_SCALAR]),
    ),
  };
}

/**
 * Every Int a Lintas mutation takes is a version or a count, both from 1: zero and below are
 * refused, as is anything GraphQL's 32-bit Int cannot hold.
 */
export const INT: LeafValues = {
  fillers: fc.oneof(
    fc.integer({ min: INT_MIN, max: INT_MAX }),
    fc.constantFrom(0, 1, 2, 3, INT_MAX, INT_MIN, -1),
  ),
  breakers: fc.oneof(
    fc.integer({ min: INT_MIN, max: 0 }).map(broken('zero or below')),
    labelled('beyond the Int range', [INT_MAX + 1, INT_MIN - 1, 2 ** 53, -(2 ** 53), 1e21, 1e300, -1e300]),
    fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
      .filter((value) => !Number.isInteger(value))
      .map(broken('not an integer')),
    wrongTypeFor('Int', ['1', '0x10', 'NaN', 'Infinity', '1e3', '', true, ...NOT_A_SCALAR]),
  ),
};

export const FLOAT: LeafValues = {
  fillers: fc.double({ noNaN: true, noDefaultInfinity: true }),
  breakers: wrongTypeFor('Float', ['1.5', 'NaN', 'Infinity', true, ...NOT_A_SCALAR]),
};

export const BOOLEAN: LeafValues = {
  fillers: fc.boolean(),
  breakers: wrongTypeFor('Boolean', ['true', 'false', 1, 0, 'yes', '', ...NOT_A_SCALAR]),
};

export function enumValues(values: string[]): LeafValues {
  const name = fc.constantFrom(...values);
  return {
    fillers: name,
    breakers: fc.oneof(
      labelled('not a value of the enum', ['NOT_A_VALUE', 'ACTIVE OR 1=1', '', ' ', 'null']),
      name.map((value) => broken('a lower-cased enum value')(value.toLowerCase())),
      name.map((value) => broken('an enum value with a zero-width space')(`${value}\u200b`)),
      name.map((value) => broken('an enum value with a trailing space')(`${value} `)),
      wrongTypeFor('enum value', [0, 1, true, ...NOT_A_SCALAR]),
    ),
  };
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
const FAR_DATES = [
  '0100-01-01',
  '1000-06-15',
  '1900-01-01',
  '1970-01-01',
  '2000-02-29',
  '2199-12-31',
  '9999-12-31',
];

export const DATE: LeafValues = {
  fillers: fc.oneof(
    fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2199-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(isoDate),
    fc
      .date({
        min: new Date(Date.now() - 5 * 365 * 86_400_000),
        max: new Date(Date.now() + 5 * 365 * 86_400_000),
        noInvalidDate: true,
      })
      .map(isoDate),
    fc.constantFrom(...FAR_DATES),
  ),
  breakers: fc.oneof(
    labelled('not a calendar date', [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-04-31',
      '0000-01-01',
      '0099-12-31',
      '24-01-01',
      '2024-1-1',
      '2024/01/01',
      '01-01-2024',
      '20240101',
      '+002024-01-01',
      '2024-01-01T00:00:00Z',
      ' 2024-01-01',
      '2024-01-01 ',
      '٢٠٢٤-٠١-٠١',
      '２０２４-０１-０１',
      'NaN',
      'now',
      '',
    ]),
    fc
      .string({ maxLength: 12 })
      .filter((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value))
      .map(broken('not a date')),
    wrongTypeFor('Date', [20240101, 0, -1, 1.5, true, ...NOT_A_SCALAR]),
  ),
};

const OFFSETS = ['Z', '+00:00', '+07:00', '+08:00', '+05:45', '+14:00', '-12:00', '-03:30'];

export const DATE_TIME: LeafValues = {
  fillers: fc.oneof(
    fc
      .tuple(
        fc.date({
          min: new Date('1900-01-02T00:00:00Z'),
          max: new Date('2199-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...OFFSETS),
      )
      .map(([date, offset]) => date.toISOString().replace('Z', offset)),
    fc
      .date({
        min: new Date(Date.now() - 400 * 86_400_000),
        max: new Date(Date.now() + 400 * 86_400_000),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString()),
    fc.constantFrom(
      '1900-01-01T00:00:00+14:00',
      '2199-12-31T23:59:59.999999-12:00',
      '2000-02-29T12:00:00.5Z',
    ),
  ),
  breakers: fc.oneof(
    labelled('not a date-time with its offset', [
      '2024-01-01T00:00:00',
      '2024-01-01',
      '2024-01-01 00:00:00Z',
      '2024-01-01t00:00:00z',
      '2024-02-30T10:00:00Z',
      '2024-01-01T25:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-01-01T00:00:60Z',
      '2024-01-01T00:00:00+99:99',
      '2024-01-01T00:00:00+24:00',
      '2024-01-01T00:00:00+0700',
      '2024-01-01T00:00:00.1234567Z',
      '1899-12-31T23:59:59Z',
      '2200-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00Z',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'now',
      'NaN',
      '',
    ]),
    wrongTypeFor('DateTime', [0, 1704067200000, -1, 8.64e15 + 1, 1.5, true, ...NOT_A_SCALAR]),
  ),
};

export const COUNTRY_CODE: LeafValues = {
  fillers: fc.constantFrom('SA', 'MY', 'HK', 'TW', 'SG', 'sa', 'my', 'ID', 'XK'),
  breakers: fc.oneof(
    labelled('not a country code', ['S', 'SAU', '', '  ', '12', 'S1', 'S A', 'S\u200bA', 'ＳＡ', 'ЅА', "S'"]),
    labelled('a country that does not exist', ['ZZ', 'QQ', 'AA']),
    wrongTypeFor('CountryCode', [966, true, ...NOT_A_SCALAR]),
  ),
};
