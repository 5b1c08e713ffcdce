/**
 * A `<input type="datetime-local">` value (`2026-11-26T14:05`) is a wall-clock time in the
 * officer's zone, not the browser's: 14:05 typed in Banjarbaru (WITA, UTC+8) is
 * 06:05 UTC wherever the laptop's clock is set. These convert between the two by the zone's own
 * rules (Intl), so a zone with summer time is right on either side of its change.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((piece) => piece.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO 8601, UTC) of a wall-clock time in a zone; undefined when the text is not a
 * complete date and time or names a moment that does not exist (31 February, 24:00).
 */
export function localDateTimeToIso(local: string, timeZone: string): string | undefined {
  const match = LOCAL.exec(local.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((value) => Number(value ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  // The offset at the wall time read as UTC is right unless a change of offset lies between the
  // two; asking again at the first guess settles it.
  const guess = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(guess, timeZone)).toISOString();
}

/** The wall-clock time of an instant in a zone, as a datetime-local input takes it (`2026-11-26T14:05`). */
export function isoToLocalDateTime(iso: string, timeZone: string): string {
  const instant = new Date(iso).getTime();
  return new Date(instant + offsetAt(instant, timeZone)).toISOString().slice(0, 16);
}
