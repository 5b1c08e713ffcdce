import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, LintasConfig } from '#lintas/core';
import { ReactsTo, type DomainEventJob, type DomainEventRule, type JobOutcome } from '#lintas/queue';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertLedger } from '../model/alert-ledger.js';
import { AlertKind } from '../model/alert.enums.js';
import { placementSnapshot, wibDate, type PlacementSnapshot } from './placement-snapshot.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A contact that reached the worker ends the silence: the open MISSED_CHECK_IN is resolved, with a
 * system note — unless the placement is still overdue (a backdated contact may not be enough) or
 * the worker is reported missing, which only a partner's "found" report ends (WorkerFoundRule).
 */
@Injectable()
@ReactsTo('placement.worker_reached')
export class WorkerReachedRule implements DomainEventRule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: AlertLedger,
    private readonly clock: Clock,
    private readonly config: LintasConfig,
  ) {}

  onEvent(event: DomainEventJob): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await placementSnapshot(manager, event.aggregateId);
      if (!placement || placement.stage === 'MISSING') return 'skipped';
      const dueWithGrace =
        placement.nextCheckInDueAt &&
        placement.nextCheckInDueAt.getTime() + this.config.CHECK_IN_GRACE_DAYS * DAY_MS;
      if (dueWithGrace && dueWithGrace < this.clock.now().getTime()) return 'skipped';
      const [contact] = await manager.query<{ contactedAt: Date }[]>(
        `SELECT contacted_at AS "contactedAt" FROM welfare_contact
          WHERE placement_id = $1 AND reached_worker ORDER BY contacted_at DESC LIMIT 1`,
        [placement.id],
      );
      const when = contact ? ` of ${wibDate(contact.contactedAt)}` : '';
      const resolved = await this.ledger.resolveBySystem(
        manager,
        placement.id,
        [AlertKind.MISSED_CHECK_IN],
        `Resolved by Lintas: the welfare contact${when} reached the worker.`,
      );
      return resolved.length > 0 ? 'done' : 'skipped';
    });
  }
}

/**
 * A partner reports a missing worker found: the search is over, and the CRITICAL alert it opened
 * is resolved. Should the check-in still be overdue, the next sweep raises that on its own ladder.
 */
@Injectable()
@ReactsTo('placement.found')
export class WorkerFoundRule implements DomainEventRule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: AlertLedger,
  ) {}

  onEvent(event: DomainEventJob): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await placementSnapshot(manager, event.aggregateId);
      if (!placement || placement.stage === 'MISSING') return 'skipped';
      const since = placement.partnerStatusAt ? ` on ${wibDate(placement.partnerStatusAt)}` : '';
      const resolved = await this.ledger.resolveBySystem(
        manager,
        placement.id,
        [AlertKind.MISSED_CHECK_IN],
        `Resolved by Lintas: a partner reported the worker found${since} (${placement.partnerStatus ?? 'status unknown'}).`,
      );
      return resolved.length > 0 ? 'done' : 'skipped';
    });
  }
}

/** Stages at which the worker is home, or has been and the cycle is over. */
const HOME_STAGES = ['RETURNED', 'REINTEGRATING', 'CLOSED'];

/**
 * A worker back home needs no repatriation, no contract reminder, no check-in and no visa. Nor
 * does a worker who died abroad once the remains are home: the placement stays DECEASED, and its
 * return time says so.
 */
@Injectable()
@ReactsTo('placement.returned')
export class WorkerReturnedRule implements DomainEventRule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: AlertLedger,
  ) {}

  onEvent(event: DomainEventJob): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await placementSnapshot(manager, event.aggregateId);
      if (!placement) return 'skipped';
      const remainsHome = placement.stage === 'DECEASED' && placement.returnedAt !== null;
      if (!remainsHome && !HOME_STAGES.includes(placement.stage)) return 'skipped';
      const resolved = await this.ledger.resolveBySystem(
        manager,
        placement.id,
        [
          AlertKind.REPATRIATION_NEEDED,
          AlertKind.CONTRACT_ENDING,
          AlertKind.MISSED_CHECK_IN,
          AlertKind.DOCUMENT_EXPIRING,
        ],
        remainsHome
          ? "Resolved by Lintas: the return of the worker's remains was recorded."
          : "Resolved by Lintas: the worker's return was recorded.",
      );
      return resolved.length > 0 ? 'done' : 'skipped';
    });
  }
}

/**
 * Reintegration is no longer overdue once the worker has been referred to a service, has refused,
 * or the placement has left RETURNED for good (closed, or the worker reported deceased): the open
 * REINTEGRATION_OVERDUE is resolved, with a note saying which. The placement is re-read, so an
 * event that no longer matches what is true (or a repeat of one) resolves nothing.
 */
@Injectable()
@ReactsTo('placement.referred', 'placement.reintegration_refused', 'placement.closed', 'placement.deceased')
export class ReintegrationAddressedRule implements DomainEventRule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: AlertLedger,
  ) {}

  onEvent(event: DomainEventJob): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await placementSnapshot(manager, event.aggregateId);
      const answer = placement && (await reintegrationAnswer(manager, placement));
      if (!placement || !answer) return 'skipped';
      const resolved = await this.ledger.resolveBySystem(
        manager,
        placement.id,
        [AlertKind.REINTEGRATION_OVERDUE],
        `Resolved by Lintas: ${answer}.`,
      );
      return resolved.length > 0 ? 'done' : 'skipped';
    });
  }
}

/**
 * What answered the worker's reintegration, as the resolution note says it; null while nothing
 * has. The service a worker was referred to is left out: it may tell of their health.
 */
async function reintegrationAnswer(
  manager: EntityManager,
  placement: PlacementSnapshot,
): Promise<string | null> {
  const [first] = await manager.query<{ referredAt: Date | null; refusedAt: Date | null }[]>(
    `SELECT (SELECT min(referred_at) FROM referral WHERE placement_id = $1) AS "referredAt",
            (SELECT min(refused_at) FROM reintegration_refusal WHERE placement_id = $1) AS "refusedAt"`,
    [placement.id],
  );
  if (first?.referredAt) {
    return `the worker was referred to a reintegration service on ${wibDate(first.referredAt)}`;
  }
  if (first?.refusedAt) {
    return `the worker's refusal of reintegration services was recorded (refused on ${wibDate(first.refusedAt)})`;
  }
  if (placement.stage === 'CLOSED') {
    return `the placement was closed${onDay(placement.closedAt)}`;
  }
  if (placement.stage === 'DECEASED') {
    return `the worker was reported deceased${onDay(placement.partnerStatusAt)}`;
  }
  return null;
}

const onDay = (instant: Date | null): string => (instant ? ` on ${wibDate(instant)}` : '');
