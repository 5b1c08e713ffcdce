import { AgencyKind, jurisdictionCondition, type Principal } from '#lintas/access';
import type { KeysetCursor } from '#lintas/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ReferralStatus, ServiceKind } from '../post-placement.enums.js';
import { Referral } from './referral.entity.js';

export interface ReferralListFilter {
  status?: ReferralStatus;
  service?: ServiceKind;
  placementId?: string;
}

/** A referral as read for a change, with where its placement belongs. */
export interface ScopedReferral {
  referral: Referral;
  originProvinceCode: string | null;
  originRegencyCode: string | null;
}

interface Scope {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who sees a referral: the agency it is addressed to, always; a social service agency nothing
 * else — it helps the people sent to it and has no business with anyone else's case. Any other
 * agency also sees the referrals of the placements in its jurisdiction (origin, or the destination
 * for embassies and partners).
 */
export function referralScope(principal: Principal): Scope {
  const addressed = { sql: 'r.agency_id = :viewerAgencyId', params: { viewerAgencyId: principal.agency.id } };
  if (principal.agency.kind === AgencyKind.SOCIAL_SERVICE) return addressed;
  const placement = jurisdictionCondition(principal.jurisdiction, {
    provinceCode: 'p.origin_province_code',
    regencyCode: 'p.origin_regency_code',
    countryCodes: 'ARRAY[p.destination::text]',
  });
  return {
    sql: `(${addressed.sql} OR ${placement.sql})`,
    params: { ...addressed.params, ...placement.params },
  };
}

/** The SQL that reads referrals, in one place; each statement carries the caller's scope. */
export class ReferralQueries {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: Scope,
  ) {}

  /** Locked for a change, with the placement's origin; undefined when out of scope. */
  async forChange(id: string): Promise<ScopedReferral | undefined> {
    const { entities, raw } = await this.scoped()
      .addSelect([
        'p.origin_province_code AS "originProvinceCode"',
        'p.origin_regency_code AS "originRegencyCode"',
      ])
      .andWhere('r.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['r'])
      .getRawAndEntities<{ originProvinceCode: string | null; originRegencyCode: string | null }>();
    const [referral] = entities;
    const [codes] = raw;
    return referral && codes && { referral, ...codes };
  }

  byId(id: string): Promise<Referral | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  /** Referrals of several placements, newest first. */
  ofPlacements(placementIds: readonly string[]): Promise<Referral[]> {
    return this.scoped()
      .andWhere('r.placement_id = ANY(:placementIds)', { placementIds })
      .orderBy('r.referred_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
  }

  /**
   * Newest first by keyset on (referred_at, id), with `first + 1` rows so the caller can tell
   * whether a next page exists.
   */
  async page(
    filter: ReferralListFilter,
    first: number,
    after: KeysetCursor | undefined,
  ): Promise<{ rows: Referral[]; totalCount: number }> {
    const query = this.scoped();
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.service) query.andWhere('r.service = :service', { service: filter.service });
    if (filter.placementId)
      query.andWhere('r.placement_id = :placementId', { placementId: filter.placementId });
    const totalCount = await query.clone().getCount();
    if (after) {
      query.andWhere('(r.referred_at, r.id) < (:afterReferredAt, :afterId)', {
        afterReferredAt: after.createdAt,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy('r.referred_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      // LIMIT, not take(): the join adds no rows, and take() with a join pages in two queries.
      .limit(first + 1)
      .getMany();
    return { rows, totalCount };
  }

  private scoped(): SelectQueryBuilder<Referral> {
    return this.manager
      .createQueryBuilder(Referral, 'r')
      .innerJoin('placement', 'p', 'p.id = r.placement_id')
      .where(this.scope.sql, this.scope.params);
  }
}
