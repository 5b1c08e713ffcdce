import type { Jurisdiction, Principal } from '../auth/principal.js';

/** SQL expressions, in the query being scoped, that place a record in the map. */
export interface ScopedColumns {
  provinceCode?: string;
  regencyCode?: string;
  /**
   * The destination country column, tested `= ANY` (not `ARRAY[column] &&`, which selects the same
   * rows) so that an index on the column can serve an embassy's or partner's query.
   */
  countryCode?: string;
  /**
   * A worker id column, for a record that lies wherever the worker has a placement: in scope when one
   * of the worker's placements goes to the caller's countries. Tested with EXISTS, not an array of
   * the worker's destinations: the planner then reads those countries' placements once, through the
   * destination index, instead of building an array for every worker.
   */
  placedWorkerId?: string;
}

export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
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
  if (jurisdiction.countryCodes.length > 0) {
    if (columns.countryCode) {
      clauses.push(`${columns.countryCode} = ANY(:scopeCountryCodes)`);
      params.scopeCountryCodes = jurisdiction.countryCodes;
    }
    if (columns.placedWorkerId) {
      clauses.push(
        `EXISTS (SELECT 1 FROM placement pl WHERE pl.worker_id = ${columns.placedWorkerId}` +
          ` AND pl.destination = ANY(:scopeCountryCodes))`,
      );
      params.scopeCountryCodes = jurisdiction.countryCodes;
    }
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}

/**
 * The placements of the caller's jurisdiction of origin (province or regency): who may change a
 * placement before departure, and who sees the help given at home.
 */
export function placementOriginScope(jurisdiction: Jurisdiction, alias = 'p'): ScopeCondition {
  return jurisdictionCondition(jurisdiction, {
    provinceCode: `${alias}.origin_province_code`,
    regencyCode: `${alias}.origin_regency_code`,
  });
}

/** The placements a caller sees: by the origin, or by the destination country for embassies and partners. */
export function placementScope(jurisdiction: Jurisdiction, alias = 'p'): ScopeCondition {
  return jurisdictionCondition(jurisdiction, {
    provinceCode: `${alias}.origin_province_code`,
    regencyCode: `${alias}.origin_regency_code`,
    countryCode: `${alias}.destination`,
  });
}

/** The workers a caller sees: by their origin, or by a placement of theirs in the caller's countries. */
export function workerScope(jurisdiction: Jurisdiction, alias = 'w'): ScopeCondition {
  return jurisdictionCondition(jurisdiction, {
    provinceCode: `${alias}.origin_province_code`,
    regencyCode: `${alias}.origin_regency_code`,
    placedWorkerId: `${alias}.id`,
  });
}

/**
 * Who sees a referral: the agency it is addressed to, and the offices whose jurisdiction covers the
 * worker's origin. Not the embassies and partners of the destination: the help is given at home, and
 * what a referral says (the service, the person's phone) is no business of theirs. A social service
 * agency has no jurisdiction (`jurisdictionOf`), so it sees only what is addressed to it.
 */
export function referralScope(
  principal: Principal,
  referralAlias = 'r',
  placementAlias = 'p',
): ScopeCondition {
  const origin = placementOriginScope(principal.jurisdiction, placementAlias);
  return {
    sql: `(${referralAlias}.agency_id = :viewerAgencyId OR ${origin.sql})`,
    params: { viewerAgencyId: principal.agency.id, ...origin.params },
  };
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
