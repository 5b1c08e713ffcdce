import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '#lintas/access';
import { AlertKind, AlertLedger } from '#lintas/alerts';
import { Clock, ConflictError, InvalidInputError, NotFoundError } from '#lintas/core';
import { firstPerKey } from '#lintas/database';
import { nextStage, PlacementStore, type Placement } from '#lintas/pre-placement';
import { In, Not, type DataSource, type EntityManager } from 'typeorm';
import { ChangeRecorder } from '../change-recorder.js';
import { RepatriationNeed, RepatriationReason, RepatriationStatus } from '../post-placement.enums.js';
import { insertUnique } from '../unique-insert.js';
import { Repatriation } from './repatriation.entity.js';

export interface RepatriationRequest {
  reason: RepatriationReason;
  needs: RepatriationNeed[];
  note: string | null;
  plannedArrivalAt: Date | null;
  alertId: string | null;
}

export interface RepatriationUpdate {
  status: RepatriationStatus | null;
  plannedArrivalAt: Date | null;
  note: string | null;
}

/** How a repatriation ends: it brought the worker home, or it will not. */
const ENDED: readonly RepatriationStatus[] = [RepatriationStatus.COMPLETED, RepatriationStatus.CANCELLED];

type RepatriationChanges = Partial<
  Pick<Repatriation, 'status' | 'plannedArrivalAt' | 'note' | 'statusChangedAt'>
>;

/** A repatriation's progress, in the only order it may go. */
const PROGRESS: readonly RepatriationStatus[] = [
  RepatriationStatus.REQUESTED,
  RepatriationStatus.ARRANGED,
  RepatriationStatus.IN_TRANSIT,
];

/**
 * Bringing a worker (or the remains) home: requested by the embassy or partner of the country, or by
 * the office of origin, then arranged, in transit, and completed when the return is recorded — or
 * cancelled, which leaves the worker placed, or by the closure of the case. Each step locks the
 * placement and moves its version.
 */
@Injectable()
export class RepatriationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PlacementStore,
    private readonly recorder: ChangeRecorder,
    private readonly ledger: AlertLedger,
    private readonly clock: Clock,
  ) {}

  /**
   * PLACED → REPATRIATING; for a worker who died abroad, the repatriation of the remains (the stage
   * stays DECEASED). With `alertId`, the REPATRIATION_NEEDED alert it answers is resolved in the same
   * transaction, so a request refused for any reason leaves the alert unresolved.
   */
  request(
    principal: Principal,
    placementId: string,
    version: number,
    request: RepatriationRequest,
  ): Promise<Placement> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(
        manager,
        principal,
        placementId,
        version,
        'ORIGIN_OR_DESTINATION',
      );
      const stage = nextStage(placement.stage, 'requestRepatriation');
      // A worker who died after coming home, or whose remains came home: nobody is left abroad.
      if (placement.returnedAt) {
        throw new ConflictError(
          `Placement ${placementId} came home already: there is nothing to repatriate`,
          'placementId',
        );
      }
      const id = randomUUID();
      // Before the repatriation names it: an alert that is not this placement's is bad input.
      if (request.alertId) {
        const note = `Turned into repatriation ${id} by ${principal.agency.name}`;
        await this.answerAlert(manager, principal, placementId, request.alertId, note);
      }
      const repatriation = manager.create(Repatriation, {
        id,
        placementId,
        status: RepatriationStatus.REQUESTED,
        reason: request.reason,
        needs: request.needs,
        note: request.note,
        plannedArrivalAt: request.plannedArrivalAt,
        sourceAlertId: request.alertId,
        requestedByAgencyId: principal.agency.id,
        requestedByType: principal.kind,
        requestedById: principal.id,
        requestedAt: this.clock.now(),
        statusChangedAt: null,
        version: 1,
      });
      // One under way already: requested before the worker went missing, was found, or died.
      await insertUnique(manager, Repatriation, repatriation, 'repatriation_one_active_per_placement_key', {
        message: 'A repatriation of this placement is already under way: update that one',
        path: 'placementId',
      });
      // The check-in schedule is kept: the worker waits abroad, and is owed welfare contacts until home.
      const after = await this.store.save(manager, placement, { stage });
      await this.recorder.record(manager, principal, {
        before: placement,
        after,
        event: 'repatriation.requested',
        detail: { repatriationId: id, reason: request.reason, sourceAlertId: request.alertId },
        topic: 'placement.repatriation_requested',
        payload: { repatriationId: id },
        action: 'repatriation.requested',
        audit: { before: { stage: placement.stage }, after: { stage, repatriation } },
      });
      return after;
    });
  }

  /**
   * ARRANGED and IN_TRANSIT, forward only, a planned arrival or a note; CANCELLED puts a worker
   * waiting for it back to PLACED. Allowed while the worker waits, is found again, is missing or has
   * died, so a repatriation is never stuck. Checked against the repatriation's own version; the
   * placement's version moves too.
   */
  update(principal: Principal, id: string, version: number, update: RepatriationUpdate): Promise<Placement> {
    if (update.status === null && update.plannedArrivalAt === null && update.note === null) {
      throw nothingToChange();
    }
    const cancelling = update.status === RepatriationStatus.CANCELLED;
    if (cancelling && !update.note) {
      throw InvalidInputError.of('input.note', 'is required to cancel a repatriation: say why');
    }
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.lockPlacementOf(manager, principal, id);
      const repatriation = await manager
        .getRepository(Repatriation)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!repatriation) throw new NotFoundError('Repatriation', id, 'id');
      // Locked above: what the check passes is what the change replaces.
      if (repatriation.version !== version) {
        throw new ConflictError(
          `Repatriation ${id} is at version ${repatriation.version}, not ${version}: reload it and try again`,
          'version',
        );
      }
      const status = update.status ?? repatriation.status;
      checkProgress(repatriation, status);
      const changes = changesOf(repatriation, status, update, this.clock.now());
      if (!changes) throw nothingToChange();
      const stage = nextStage(placement.stage, cancelling ? 'cancelRepatriation' : 'updateRepatriation');
      const after = await this.store.save(manager, placement, { stage });
      await this.write(manager, principal, { before: placement, after }, repatriation, changes, update.note);
      return after;
    });
  }

  /**
   * Ends the placement's repatriation under way, if there is one, as `update` would — COMPLETED by
   * the return it brought home, or CANCELLED with a note by the closure of the case — inside the
   * caller's change, which holds the placement's lock and then moves its stage. Answers the ended
   * repatriation; null when none was under way.
   */
  async endActiveRepatriation(
    manager: EntityManager,
    principal: Principal,
    placement: Placement,
    status: RepatriationStatus.COMPLETED | RepatriationStatus.CANCELLED,
    note: string | null,
  ): Promise<Repatriation | null> {
    const repatriation = await manager.getRepository(Repatriation).findOne({
      where: { placementId: placement.id, status: Not(In(ENDED)) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!repatriation) return null;
    const changes = changesOf(
      repatriation,
      status,
      { status, plannedArrivalAt: null, note },
      this.clock.now(),
    );
    // The status changes, so there is always something to write.
    if (!changes) throw new Error(`repatriation ${repatriation.id} is ${status} already`);
    // The stage is the caller's to move: the end is recorded under the stage before it.
    await this.write(
      manager,
      principal,
      { before: placement, after: placement },
      repatriation,
      changes,
      note,
    );
    return { ...repatriation, ...changes, version: repatriation.version + 1 };
  }

  /** The newest `limit` repatriations of each of these placements, newest first. */
  repatriationsOf(placementIds: readonly string[], limit: number): Promise<Repatriation[]> {
    return this.dataSource
      .getRepository(Repatriation)
      .createQueryBuilder('r')
      .where(
        firstPerKey('r', 'placementIds', {
          table: 'repatriation',
          keyColumn: 'placement_id',
          order: 'x.requested_at DESC, x.id DESC',
          limit,
        }),
        { placementIds },
      )
      .orderBy('r.requested_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
  }

  /**
   * The placement of a repatriation, locked for the change, if the principal may change it: the
   * embassy or partner of the country, or the office of origin. NOT_FOUND otherwise.
   */
  private async lockPlacementOf(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<Placement> {
    const placement = await this.store
      .scoped(manager, principal, 'ORIGIN_OR_DESTINATION')
      .andWhere('p.id = (SELECT r.placement_id FROM repatriation r WHERE r.id = :id)', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!placement) throw new NotFoundError('Repatriation', id, 'id');
    return placement;
  }

  /**
   * Writes a repatriation's change (at version + 1: its row is locked) with the placement's timeline
   * entry and audit record, named after the new status (`repatriation.arranged`), or
   * `repatriation.updated` when only the planned arrival or the note changed.
   */
  private async write(
    manager: EntityManager,
    principal: Principal,
    placement: { before: Placement; after: Placement },
    repatriation: Repatriation,
    changes: RepatriationChanges,
    note: string | null,
  ): Promise<void> {
    const { id } = repatriation;
    await manager.update(Repatriation, { id }, { ...changes, version: () => 'version + 1' });
    const status = changes.status ?? repatriation.status;
    const event = changes.status ? `repatriation.${status.toLowerCase()}` : 'repatriation.updated';
    const stage = placement.after.stage;
    await this.recorder.record(manager, principal, {
      ...placement,
      event,
      detail: { repatriationId: id, status, note },
      topic: null,
      action: event,
      audit: {
        before: {
          stage: placement.before.stage,
          repatriationId: id,
          status: repatriation.status,
          plannedArrivalAt: repatriation.plannedArrivalAt,
          note: repatriation.note,
          version: repatriation.version,
        },
        after: { stage, repatriationId: id, ...changes, version: repatriation.version + 1 },
      },
    });
  }

  /**
   * Resolves the alert the repatriation answers, with its audit record. It must be a
   * REPATRIATION_NEEDED alert of this placement, not resolved yet.
   */
  private async answerAlert(
    manager: EntityManager,
    principal: Principal,
    placementId: string,
    alertId: string,
    note: string,
  ): Promise<void> {
    const answered = await this.ledger.resolveAsAnswered(manager, principal, {
      alertId,
      placementId,
      kind: AlertKind.REPATRIATION_NEEDED,
      note,
    });
    if (answered === 'not-found') {
      throw InvalidInputError.of('input.alertId', 'is not a REPATRIATION_NEEDED alert of this placement');
    }
    if (answered === 'already-resolved') {
      throw new ConflictError(`Alert ${alertId} is resolved already`, 'input.alertId');
    }
  }
}

function nothingToChange(): InvalidInputError {
  return InvalidInputError.of(
    'input',
    'has nothing to change: give a new status, a planned arrival or a note',
  );
}

/** What the update changes on the repatriation; null when it would change nothing. */
function changesOf(
  repatriation: Repatriation,
  status: RepatriationStatus,
  update: RepatriationUpdate,
  now: Date,
): RepatriationChanges | null {
  const statusChanged = status !== repatriation.status;
  const arrivalChanged =
    update.plannedArrivalAt !== null &&
    update.plannedArrivalAt.getTime() !== repatriation.plannedArrivalAt?.getTime();
  const noteChanged = update.note !== null && update.note !== repatriation.note;
  if (!statusChanged && !arrivalChanged && !noteChanged) return null;
  return {
    ...(statusChanged && { status, statusChangedAt: now }),
    ...(arrivalChanged && { plannedArrivalAt: update.plannedArrivalAt }),
    ...(noteChanged && { note: update.note }),
  };
}

/** Forward only, and nothing after the end: CONFLICT otherwise. */
function checkProgress(repatriation: Repatriation, status: RepatriationStatus): void {
  const { id, status: current } = repatriation;
  if (current === RepatriationStatus.COMPLETED || current === RepatriationStatus.CANCELLED) {
    throw new ConflictError(`Repatriation ${id} is ${current}: it cannot change any more`, 'id');
  }
  if (status === RepatriationStatus.CANCELLED) return;
  if (PROGRESS.indexOf(status) < PROGRESS.indexOf(current)) {
    throw new ConflictError(
      `Repatriation ${id} is ${current}: it cannot go back to ${status}`,
      'input.status',
    );
  }
}
