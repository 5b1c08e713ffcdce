import type { ScopeCondition } from '#lintas/access';
import type { KeysetCursor } from '#lintas/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ReferralStatus, ServiceKind } from '../post-placement.enums.js';
import { Referral } from './referral.entity.js';

export interface ReferralListFilter {
  status?: ReferralStatus;
  service?: ServiceKind;
  placementId?: string;
}

/** The SQL that reads referrals, in one place; each statement carries the caller's scope. */
export class ReferralQueries {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: ScopeCondition,
  ) {}

  /** Locked for a change; null when out of scope. */
  forChange(id: string): Promise<Referral | null> {
    return this.scoped()
      .andWhere('r.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['r'])
      .getOne();
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
