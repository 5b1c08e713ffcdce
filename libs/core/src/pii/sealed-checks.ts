/**
 * The CHECK constraints that refuse personal data written in clear, as migration 950 states them:
 * an envelope `v1.<keyId>.<iv>.<data>` (PiiCipher) matched as plain runs of its characters with the
 * lengths checked apart. PostgreSQL rebuilds a regular expression's automaton for every value, and
 * counted repeats (`{16}`, `{22,}`) made it about ten times dearer per row.
 */
export function sealedEnvelopeCheck(column: string): string {
  return `(${column} ~ '^v1\\.[a-z0-9-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'
    AND length(split_part(${column}, '.', 2)) <= 32
    AND length(split_part(${column}, '.', 3)) = 16
    AND length(split_part(${column}, '.', 4)) >= 22)`;
}

/** A blind index, `<8 hex digits>.<43 base64url characters>`: 52 characters with the dot at the ninth. */
export function blindIndexCheck(column: string): string {
  return `(${column} ~ '^[0-9a-f]+\\.[A-Za-z0-9_-]+$' AND length(${column}) = 52 AND strpos(${column}, '.') = 9)`;
}
