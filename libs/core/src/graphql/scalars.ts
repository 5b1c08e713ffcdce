import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True to the calendar, so 2026-02-30 is refused rather than rolled over to March. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDate(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new GraphQLError('must be a calendar date in the form YYYY-MM-DD');
}

/** `Date`: YYYY-MM-DD, carried as a string so no time zone can shift a date of birth by a day. */
export const LocalDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO 8601 YYYY-MM-DD',
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new GraphQLError('Date cannot represent this value');
  },
});

function parseCountryCode(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
  throw new GraphQLError('must be an ISO 3166-1 alpha-2 country code, e.g. "SA"');
}

/** `CountryCode`: ISO 3166-1 alpha-2, upper-cased; whether the country exists is checked against the table. */
export const CountryCode = new GraphQLScalarType<string, string>({
  name: 'CountryCode',
  description: 'ISO 3166-1 alpha-2 country code, e.g. "SA"',
  parseValue: parseCountryCode,
  parseLiteral: (ast) => parseCountryCode(ast.kind === Kind.STRING ? ast.value : undefined),
  serialize: (value) => parseCountryCode(typeof value === 'string' ? value.trim() : value),
});

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  const instant = match && new Date(value as string);
  const year = Number(match?.[1]);
  if (
    !match ||
    !instant ||
    Number.isNaN(instant.getTime()) ||
    !isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`)
  ) {
    throw new GraphQLError('must be an ISO 8601 date-time with its offset, e.g. "2026-11-25T08:30:00+08:00"');
  }
  if (year < 1900 || year > 2199)
    throw new GraphQLError('must be a date-time between the years 1900 and 2199');
  return instant;
}

/**
 * `DateTime`: ISO 8601 with an offset, always. A time without one would be read in the server's
 * zone, and a number would be taken as milliseconds since 1970: both are refused, not guessed.
 */
export const StrictDateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO 8601 date-time with offset, e.g. "2026-11-25T08:30:00+08:00"; answered in UTC',
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
  serialize: (value) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
});
