import { placementOriginScope, placementScope, type Jurisdiction, type ScopeCondition } from '#lintas/access';
import { AlertKind } from '#lintas/alerts';
import { REPORTED_ABROAD_RULE_SET } from '#lintas/placement';
import { ReturnKind, type ReferralStatus, type ServiceKind } from '#lintas/post-placement';
import { PlacementStage } from '#lintas/pre-placement';
import type { EntityManager } from 'typeorm';
import { TOTAL_PERIOD } from './statistics-period.js';

/** Which placements count: the caller's jurisdiction, narrowed by the filter's part of the map. */
export interface StatisticsScope {
  jurisdiction: Jurisdiction;
  provinceCode?: string;
  regencyCode?: string;
  destination?: string;
}

/** WIB calendar days, both included; no `from`: since the first record. */
export interface StatisticsBounds {
  from: string | null;
  to: string;
}

/** One period's counts as the figures statement answers them. */
export interface FigureRow {
  period: string;
  placementsRegistered: number;
  departedProcedural: number;
  departedNonProcedural: number;
  returnedOrdinary: number;
  returnedRepatriated: number;
  returnedRemains: number;
  suspectedVictims: number;
  alertsRaised: number;
  alertsAcknowledged: number;
  alertsResolved: number;
  medianSecondsToAcknowledge: number | null;
  medianSecondsToResolve: number | null;
  /** Alerts raised, by kind, in the order of COUNTED_ALERT_KINDS. */
  alertsRaisedByKind: number[];
}

export interface ReferralRow {
  period: string;
  service: ServiceKind;
  status: ReferralStatus;
  count: number;
}

export interface AbroadRow {
  riskLevel: string;
  count: number;
}

/** What a placement's risk level is called before the check-in policy has derived one. */
export const UNASSESSED = 'UNASSESSED';

/** The kinds of alert the statistics count: those about placements, not DELIVERY_FAILED (about Lintas itself). */
export const COUNTED_ALERT_KINDS: readonly AlertKind[] = Object.values(AlertKind).filter(
  (kind) => kind !== AlertKind.DELIVERY_FAILED,
);

/** Where the worker is abroad: MISSING is reached from abroad only, and the worker is still ours to find. */
const ABROAD_STAGES = `('${PlacementStage.DEPARTED}', '${PlacementStage.PLACED}', '${PlacementStage.REPATRIATING}', '${PlacementStage.MISSING}')`;

const WIB = `'Asia/Jakarta'`;

/** The end of the period: midnight WIB after `to`. */
const PERIOD_END = `((:periodTo::date + 1)::timestamp AT TIME ZONE ${WIB})`;

/** A placement Lintas learnt of only when the worker was reported abroad: no officer ever registered it. */
const REPORTED_ABROAD = `p.rule_set_version = '${REPORTED_ABROAD_RULE_SET}'`;

/**
 * A worker reported abroad whose departure nobody recorded: a non-procedural departure, dated by
 * the arrival the report gave. Written as placement_reported_abroad_arrived_at_idx's predicate.
 */
const REPORTED_ABROAD_UNDEPARTED = `${REPORTED_ABROAD} AND p.departed_at IS NULL`;

/** The WIB year and month an instant falls in, as timestamps: they sort far faster than text. */
const yearAndMonth = (instant: string): string =>
  `date_trunc('year', ${instant} AT TIME ZONE ${WIB}) AS year, date_trunc('month', ${instant} AT TIME ZONE ${WIB}) AS month`;

/** `total`, `YYYY` or `YYYY-MM`, from GROUPING SETS ((), (year), (year, month)); text only once grouped. */
const PERIOD = `CASE GROUPING(year, month)
         WHEN 3 THEN '${TOTAL_PERIOD}' WHEN 1 THEN to_char(year, 'YYYY') ELSE to_char(month, 'YYYY-MM') END`;

/** Seconds from raising to `instant`, when `instant` lies within the period; null otherwise. */
const secondsUntil = (instant: string): string =>
  `CASE WHEN ${instant} < ${PERIOD_END} THEN extract(epoch FROM ${instant} - a.raised_at)::float8 END`;

/**
 * The statistics' SQL, in one place. Each statement is set-based and answers aggregates only:
 * every fact of the placements in scope is dated in WIB and grouped by GROUPING SETS into the
 * total, the years and the months of the period in the same pass.
 */
export class StatisticsQueries {
  /** The placements the caller sees, as PlacementStore.scoped reads them. */
  private readonly scopeCondition: ScopeCondition;
  /**
   * The referrals counted: those of the caller's jurisdiction of origin. The help is given at home,
   * so embassies and partners count none. Unlike `referralScope`, being the agency a referral is
   * addressed to counts for nothing: a social service agency reads no statistics (`jurisdictionOf`).
   */
  private readonly referralScopeCondition: ScopeCondition;

  constructor(
    private readonly manager: EntityManager,
    private readonly scope: StatisticsScope,
    private readonly bounds: StatisticsBounds,
  ) {
    this.scopeCondition = placementScope(scope.jurisdiction);
    this.referralScopeCondition = placementOriginScope(scope.jurisdiction);
  }

  /**
   * The WIB month of the earliest record up to the end of the period, each kind read as the first
   * row of an index (registrations, departures, arrivals of workers reported abroad, returns,
   * alerts, referrals), so that a history too long to count is refused before anything is counted.
   * Null when there is none. Trafficking indicators of welfare contacts have no index: a victim
   * identified before every other record shows only in the counts (see StatisticsService).
   */
  async earliestMonth(): Promise<string | null> {
    const [row] = await this.run<{ month: string | null }>(
      `SELECT to_char(min(first.at) AT TIME ZONE ${WIB}, 'YYYY-MM') AS "month"
         FROM ((SELECT p.created_at AS at FROM placement p
                 WHERE NOT (${REPORTED_ABROAD}) AND ${this.placementsInScope} AND ${this.within('p.created_at')}
                 ORDER BY p.created_at LIMIT 1)
               UNION ALL
               (SELECT p.departed_at FROM placement p
                 WHERE p.departed_at IS NOT NULL AND ${this.placementsInScope} AND ${this.within('p.departed_at')}
                 ORDER BY p.departed_at LIMIT 1)
               UNION ALL
               (SELECT p.arrived_at FROM placement p
                 WHERE ${REPORTED_ABROAD_UNDEPARTED} AND ${this.placementsInScope} AND ${this.within('p.arrived_at')}
                 ORDER BY p.arrived_at LIMIT 1)
               UNION ALL
               (SELECT r.returned_at FROM placement_return r JOIN placement p ON p.id = r.placement_id
                 WHERE ${this.placementsInScope} AND ${this.within('r.returned_at')}
                 ORDER BY r.returned_at LIMIT 1)
               UNION ALL
               (SELECT a.raised_at FROM alert a JOIN placement p ON p.id = a.placement_id
                 WHERE a.kind <> '${AlertKind.DELIVERY_FAILED}' AND ${this.placementsInScope} AND ${this.within('a.raised_at')}
                 ORDER BY a.raised_at LIMIT 1)
               UNION ALL
               (SELECT f.referred_at FROM referral f JOIN placement p ON p.id = f.placement_id
                 WHERE ${this.referralsInScope} AND ${this.within('f.referred_at')}
                 ORDER BY f.referred_at LIMIT 1)) first`,
    );
    return row?.month ?? null;
  }

  /**
   * Every figure but referrals, per period. Each fact is one row of `facts`, dated by its own instant:
   * registration by an officer (created_at), departure (departed_at; for a worker reported abroad
   * without one, the arrival), return (placement_return.returned_at), identification as a suspected
   * trafficking victim, and the raising of an alert. An alert counts as acknowledged, and as
   * resolved, only when that happened by the end of the period, so that a past period's figures
   * stay as they were reported. One resolved without anyone acknowledging it (often by Lintas itself)
   * was acknowledged at its resolution: from then on nobody was waiting to take it on.
   */
  figures(): Promise<FigureRow[]> {
    return this.run<FigureRow>(
      `WITH facts AS (
         SELECT p.created_at AS at, 'REGISTERED' AS fact, NULL::text AS detail,
                NULL::float8 AS to_acknowledge, NULL::float8 AS to_resolve
           FROM placement p
          WHERE NOT (${REPORTED_ABROAD}) AND ${this.placementsInScope}
         UNION ALL
         SELECT p.departed_at, 'DEPARTED', CASE WHEN p.procedural THEN 'PROCEDURAL' ELSE 'NON_PROCEDURAL' END,
                NULL, NULL
           FROM placement p
          WHERE p.departed_at IS NOT NULL AND ${this.placementsInScope}
         UNION ALL
         SELECT p.arrived_at, 'DEPARTED', 'NON_PROCEDURAL', NULL, NULL
           FROM placement p
          WHERE ${REPORTED_ABROAD_UNDEPARTED} AND ${this.placementsInScope}
         UNION ALL
         SELECT r.returned_at, 'RETURNED', r.kind, NULL, NULL
           FROM placement_return r
           JOIN placement p ON p.id = r.placement_id
          WHERE ${this.placementsInScope}
         UNION ALL
         -- Identified by the first contact that saw indicators, or by the return that said so. A flag
         -- with neither behind it counts from registration, so that no suspected victim goes uncounted.
         SELECT COALESCE(LEAST(indicated.at, r.returned_at), p.created_at), 'SUSPECTED_VICTIM', NULL, NULL, NULL
           FROM placement p
           LEFT JOIN LATERAL (
                  SELECT min(c.contacted_at) AS at FROM welfare_contact c
                   WHERE c.placement_id = p.id AND cardinality(c.indicators) > 0) indicated ON TRUE
           LEFT JOIN placement_return r ON r.placement_id = p.id AND r.suspected_trafficking_victim
          WHERE p.suspected_trafficking_victim AND ${this.placementsInScope}
         UNION ALL
         SELECT a.raised_at, 'ALERT', a.kind,
                ${secondsUntil('LEAST(a.acknowledged_at, a.resolved_at)')},
                ${secondsUntil('a.resolved_at')}
           FROM alert a
           JOIN placement p ON p.id = a.placement_id
          WHERE a.kind <> '${AlertKind.DELIVERY_FAILED}' AND ${this.placementsInScope}
       ),
       dated AS (
         SELECT f.*, ${yearAndMonth('f.at')}
           FROM facts f
          WHERE ${this.within('f.at')}
       )
       SELECT ${PERIOD} AS "period",
              count(*) FILTER (WHERE fact = 'REGISTERED')::int AS "placementsRegistered",
              count(*) FILTER (WHERE fact = 'DEPARTED' AND detail = 'PROCEDURAL')::int AS "departedProcedural",
              count(*) FILTER (WHERE fact = 'DEPARTED' AND detail = 'NON_PROCEDURAL')::int AS "departedNonProcedural",
              count(*) FILTER (WHERE fact = 'RETURNED' AND detail = '${ReturnKind.ORDINARY}')::int AS "returnedOrdinary",
              count(*) FILTER (WHERE fact = 'RETURNED' AND detail = '${ReturnKind.REPATRIATED}')::int AS "returnedRepatriated",
              count(*) FILTER (WHERE fact = 'RETURNED' AND detail = '${ReturnKind.REMAINS}')::int AS "returnedRemains",
              count(*) FILTER (WHERE fact = 'SUSPECTED_VICTIM')::int AS "suspectedVictims",
              count(*) FILTER (WHERE fact = 'ALERT')::int AS "alertsRaised",
              count(to_acknowledge) FILTER (WHERE fact = 'ALERT')::int AS "alertsAcknowledged",
              count(to_resolve) FILTER (WHERE fact = 'ALERT')::int AS "alertsResolved",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY to_acknowledge) FILTER (WHERE fact = 'ALERT')
                AS "medianSecondsToAcknowledge",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY to_resolve) FILTER (WHERE fact = 'ALERT')
                AS "medianSecondsToResolve",
              ARRAY[${COUNTED_ALERT_KINDS.map((kind) => `count(*) FILTER (WHERE fact = 'ALERT' AND detail = '${kind}')`).join(', ')}]::int[]
                AS "alertsRaisedByKind"
         FROM dated
        GROUP BY GROUPING SETS ((), (year), (year, month))`,
    );
  }

  /**
   * Referrals made in the period, per period, service and the status they have now — the outcome
   * (COMPLETED, DECLINED) or still open. Counted within the jurisdiction of origin only.
   */
  referrals(): Promise<ReferralRow[]> {
    return this.run<ReferralRow>(
      `WITH dated AS (
         SELECT f.service, f.status, ${yearAndMonth('f.referred_at')}
           FROM referral f
           JOIN placement p ON p.id = f.placement_id
          WHERE ${this.referralsInScope} AND ${this.within('f.referred_at')}
       )
       SELECT ${PERIOD} AS "period", service AS "service", status AS "status", count(*)::int AS "count"
         FROM dated
        GROUP BY GROUPING SETS ((service, status), (year, service, status), (year, month, service, status))`,
    );
  }

  /** Placements abroad at this moment, by risk level: a snapshot, not a count over the period. */
  abroadNow(): Promise<AbroadRow[]> {
    return this.run<AbroadRow>(
      `SELECT COALESCE(p.risk_level, '${UNASSESSED}') AS "riskLevel", count(*)::int AS "count"
         FROM placement p
        WHERE p.stage IN ${ABROAD_STAGES} AND ${this.placementsInScope}
        GROUP BY 1`,
    );
  }

  /**
   * The placements in scope, then the filter's province, regency and destination. Alerts are
   * scoped through their placement. Repeated in each branch rather than selected once into a CTE,
   * so that the planner sees the table's own statistics (a CTE has none, and a guessed half of all
   * placements as victims made it plan for millions).
   */
  private get placementsInScope(): string {
    return this.narrowed(this.scopeCondition);
  }

  /** The referrals counted: their placement within the jurisdiction of origin, and the filter. */
  private get referralsInScope(): string {
    return this.narrowed(this.referralScopeCondition);
  }

  private narrowed(scope: ScopeCondition): string {
    const conditions = [scope.sql];
    if (this.scope.provinceCode) conditions.push('p.origin_province_code = :filterProvinceCode');
    if (this.scope.regencyCode) conditions.push('p.origin_regency_code = :filterRegencyCode');
    if (this.scope.destination) conditions.push('p.destination = :filterDestination');
    return `(${conditions.join(' AND ')})`;
  }

  /** The instant lies in the period: from the start of `from` to the end of `to`, WIB. */
  private within(instant: string): string {
    const end = `${instant} < ${PERIOD_END}`;
    return this.bounds.from === null
      ? end
      : `${instant} >= (:periodFrom::date::timestamp AT TIME ZONE ${WIB}) AND ${end}`;
  }

  private run<T>(sql: string): Promise<T[]> {
    const parameters: Record<string, unknown> = {
      ...this.scopeCondition.params,
      ...this.referralScopeCondition.params,
      ...(this.scope.provinceCode && { filterProvinceCode: this.scope.provinceCode }),
      ...(this.scope.regencyCode && { filterRegencyCode: this.scope.regencyCode }),
      ...(this.scope.destination && { filterDestination: this.scope.destination }),
      ...(this.bounds.from !== null && { periodFrom: this.bounds.from }),
      periodTo: this.bounds.to,
    };
    // Named parameters (the scope conditions are written with them) become PostgreSQL's $n, as
    // TypeORM's query builder would do it.
    const [statement, values] = this.manager.connection.driver.escapeQueryWithParameters(sql, parameters);
    return this.manager.query<T[]>(statement, values);
  }
}
