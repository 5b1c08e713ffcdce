import { Injectable } from '@nestjs/common';
import { placementOriginScope, placementScope, type Principal } from '#lintas/access';
import { Clock, ConflictError, InvalidInputError, NotFoundError } from '#lintas/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Placement } from './placement.entity.js';
import type { PlacementStage } from './placement.enums.js';

/**
 * Who may change a placement: the office of origin before departure; while the worker is abroad
 * also the embassy or partner of the destination (`ORIGIN_OR_DESTINATION`).
 */
export type ChangeScope = 'ORIGIN' | 'ORIGIN_OR_DESTINATION';

/** How far in the future a reported time may lie: devices drift, and time zones confuse. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * How every lifecycle library reads, locks and writes the placement aggregate: scoped to the
 * caller's jurisdiction, locked for the change, written only at the version read, and each
 * transition recorded on the timeline. Rules about stages stay in placement-stage.ts.
 */
@Injectable()
export class PlacementStore {
  constructor(private readonly clock: Clock) {}

  /** Reading: the jurisdiction of origin, or the destination country for embassies and partners. */
  scoped(
    manager: EntityManager,
    principal: Principal,
    scope: ChangeScope = 'ORIGIN_OR_DESTINATION',
  ): SelectQueryBuilder<Placement> {
    const condition =
      scope === 'ORIGIN_OR_DESTINATION'
        ? placementScope(principal.jurisdiction)
        : placementOriginScope(principal.jurisdiction);
    return manager.getRepository(Placement).createQueryBuilder('p').where(condition.sql, condition.params);
  }

  /**
   * Locks the placement for a change. NOT_FOUND outside the caller's scope; CONFLICT when
   * `version` is given and stale (a change without a version, such as a welfare contact, still
   * locks, so concurrent changes apply one after the other).
   */
  async lockForChange(
    manager: EntityManager,
    principal: Principal,
    id: string,
    version: number | undefined,
    scope: ChangeScope = 'ORIGIN',
  ): Promise<Placement> {
    const placement = await this.scoped(manager, principal, scope)
      .andWhere('p.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!placement) throw new NotFoundError('Placement', id, 'placementId');
    if (version !== undefined && placement.version !== version) {
      throw new ConflictError(
        `Placement ${id} is at version ${placement.version}, not ${version}: reload it and try again`,
        'version',
      );
    }
    return placement;
  }

  /**
   * Writes the change only if nobody else changed the placement since it was read: the version is
   * checked in the statement itself (TypeORM's @VersionColumn does not guard concurrent writes).
   */
  async save(manager: EntityManager, placement: Placement, changes: Partial<Placement>): Promise<Placement> {
    const result = await manager
      .createQueryBuilder()
      .update(Placement)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: placement.id, version: placement.version })
      .execute();
    if (result.affected !== 1)
      throw new ConflictError(`Placement ${placement.id} was changed meanwhile`, 'version');
    return manager.getRepository(Placement).findOneByOrFail({ id: placement.id });
  }

  /** One entry of the timeline, with the actor and the time. */
  async recordEvent(
    manager: EntityManager,
    principal: Principal,
    placement: Placement,
    type: string,
    stageFrom: PlacementStage | null,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO placement_event (placement_id, type, stage_from, stage_to, actor_type, actor_id, detail, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        placement.id,
        type,
        stageFrom,
        placement.stage,
        principal.kind,
        principal.id,
        detail,
        this.clock.now(),
      ],
    );
  }

  /** A fact is reported once it has happened: BAD_USER_INPUT at `path` beyond a small clock skew. */
  refuseFuture(instant: Date, path: string): void {
    if (instant.getTime() > this.clock.now().getTime() + CLOCK_SKEW_MS) {
      throw InvalidInputError.of(path, 'is in the future: report what has happened');
    }
  }
}
