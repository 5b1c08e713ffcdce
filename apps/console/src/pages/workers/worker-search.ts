/**
 * A search of the Pekerja page, read from what was typed: a full NIK asks workerByNik; digits
 * short of one ask nothing; anything else is part of a name (empty: every worker).
 */
export type WorkerSearch =
  { kind: 'nik'; nik: string } | { kind: 'partialNik'; count: number } | { kind: 'name'; name: string };

/** The digits of a search, the separators a NIK is often written with (spaces, dots, dashes) left out. */
function digitsOf(query: string): string {
  return query.replace(/[\s.-]/g, '');
}

export function readSearch(query: string): WorkerSearch {
  const digits = digitsOf(query);
  if (/^\d{16}$/.test(digits)) return { kind: 'nik', nik: digits };
  if (/^\d+$/.test(digits)) return { kind: 'partialNik', count: digits.length };
  return { kind: 'name', name: query };
}

/** Where a search is kept: a name in the address, a NIK (whole or in part) only in the page's memory. */
export interface PlacedSearch {
  /** The `?q=` parameter: part of a name, or nothing. */
  q: string | undefined;
  /** The NIK searched, or its first digits; '' when the search is a name. */
  nik: string;
}

/**
 * A name stays in `?q=`, so the list can be bookmarked and reloaded. A NIK never goes into the
 * address: addresses stay in the browser's history and autocomplete on the office's shared PCs,
 * and in the return path of an expired session. Digits short of a NIK are kept out too: a NIK
 * mistyped by one digit names the worker as well as the NIK itself.
 */
export function placeSearch(typed: string): PlacedSearch {
  const query = typed.trim();
  if (readSearch(query).kind === 'name') return { q: query || undefined, nik: '' };
  return { q: undefined, nik: query };
}
