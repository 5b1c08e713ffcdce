import type { ScopeCondition } from '#lintas/access';
import type { KeysetCursor } from '#lintas/core';
import { firstPerKey } from '#lintas/database';
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

  /**
   * The newest `limit` referrals of each placement that `visible` lets the caller see (the scope,
   * written on the referral `x` and its placement `xp`), newest first. The scope is applied before
   * the limit: an agency's own referrals are never crowded out by others' it may not see.
   */
  ofPlacements(placementIds: readonly string[], limit: number, visible: ScopeCondition): Promise<Referral[]> {
    return this.scoped()
      .andWhere(
        firstPerKey('r', 'placementIds', {
          table: 'referral',
          keyColumn: 'placement_id',
          order: 'x.referred_at DESC, x.id DESC',
          limit,
          where: `EXISTS (SELECT 1 FROM placement xp WHERE xp.id = x.placement_id AND ${visible.sql})`,
        }),
        { placementIds, ...visible.params },
      )
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
