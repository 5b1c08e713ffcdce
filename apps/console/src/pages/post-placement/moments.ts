import { localDateTimeToIso } from '../../format/local-date-time';

/** Why a moment typed for something that has happened (a return, a refusal) cannot be sent. */
export type PastMomentProblem = 'required' | 'invalid' | 'future';

/**
 * A moment that has already happened, typed in the officer's zone: its ISO instant, or why not.
 * `optional` lets an empty field through as undefined.
 */
export function pastMoment(
  local: string,
  timeZone: string,
  now: Date,
  options: { optional?: boolean } = {},
): { iso: string | undefined; problem?: undefined } | { iso?: undefined; problem: PastMomentProblem } {
  if (local.trim() === '') return options.optional ? { iso: undefined } : { problem: 'required' };
  const iso = localDateTimeToIso(local, timeZone);
  if (!iso) return { problem: 'invalid' };
  if (Date.parse(iso) > now.getTime()) return { problem: 'future' };
  return { iso };
}

/** A planned moment (an expected arrival): its ISO instant, undefined when left empty, or `invalid`. */
export function plannedMoment(
  local: string,
  timeZone: string,
): { iso: string | undefined; problem?: undefined } | { iso?: undefined; problem: 'invalid' } {
  if (local.trim() === '') return { iso: undefined };
  const iso = localDateTimeToIso(local, timeZone);
  return iso ? { iso } : { problem: 'invalid' };
}
