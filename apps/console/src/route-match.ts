/** `/penempatan/:id` against `/penempatan/42` → `{ id: '42' }`; undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

/**
 * Where a link made outside the console leads: an alert e-mail links `<PUBLIC_URL>/alerts/<id>`
 * (the API's wording, for every agency's mail), which is the inbox with that alert open, whatever
 * its status. Undefined for the console's own paths.
 */
export function redirectOf(path: string): string | undefined {
  const alert = matchPath('/alerts/:id', path);
  return alert ? `/peringatan?status=ALL&peringatan=${encodeURIComponent(alert['id'] ?? '')}` : undefined;
}
