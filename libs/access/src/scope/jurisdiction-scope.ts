import type { Jurisdiction } from '../auth/principal.js';

/** SQL expressions, in the query being scoped, that place a record in the map. */
export interface ScopedColumns {
  provinceCode?: string;
  regencyCode?: string;
  /** A text[] expression of the destination countries the record is linked to. */
  countryCodes?: string;
}

export interface ScopeCondition {
  sql: string;
  params: Record<string, string[]>;
}

/**
 * The one scoping mechanism: a WHERE condition that keeps only the records inside the caller's
 * jurisdiction. Every query of a scoped record adds it, so an out-of-scope record is simply not
 * found — never FORBIDDEN, which would confirm that it exists.
 */
export function jurisdictionCondition(jurisdiction: Jurisdiction, columns: ScopedColumns): ScopeCondition {
  if (jurisdiction.national) return { sql: 'TRUE', params: {} };
  const clauses: string[] = [];
  const params: Record<string, string[]> = {};
  if (columns.provinceCode && jurisdiction.provinceCodes.length > 0) {
    clauses.push(`${columns.provinceCode} = ANY(:scopeProvinceCodes)`);
    params.scopeProvinceCodes = jurisdiction.provinceCodes;
  }
  if (columns.regencyCode && jurisdiction.regencyCodes.length > 0) {
    clauses.push(`${columns.regencyCode} = ANY(:scopeRegencyCodes)`);
    params.scopeRegencyCodes = jurisdiction.regencyCodes;
  }
  if (columns.countryCodes && jurisdiction.countryCodes.length > 0) {
    clauses.push(`${columns.countryCodes} && :scopeCountryCodes::text[]`);
    params.scopeCountryCodes = jurisdiction.countryCodes;
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}

/** The same rule for a record already in memory (e.g. before registering it). */
export function isWithinJurisdiction(
  jurisdiction: Jurisdiction,
  record: { provinceCode?: string; regencyCode?: string; countryCodes?: string[] },
): boolean {
  return (
    jurisdiction.national ||
    (record.provinceCode !== undefined && jurisdiction.provinceCodes.includes(record.provinceCode)) ||
    (record.regencyCode !== undefined && jurisdiction.regencyCodes.includes(record.regencyCode)) ||
    (record.countryCodes ?? []).some((code) => jurisdiction.countryCodes.includes(code))
  );
}
