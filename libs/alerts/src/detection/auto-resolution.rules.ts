import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, LintasConfig } from '#lintas/core';
import { ReactsTo, type DomainEventJob, type DomainEventRule, type JobOutcome } from '#lintas/queue';
import type { DataSource } from 'typeorm';
import { AlertLedger } from '../model/alert-ledger.js';
import { AlertKind } from '../model/alert.enums.js';
import { placementSnapshot, wibDate } from './placement-snapshot.js';

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

/** A worker back home needs no repatriation, no contract reminder, no check-in and no visa. */
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
      if (!placement || !['RETURNED', 'REINTEGRATING', 'CLOSED'].includes(placement.stage)) return 'skipped';
      const resolved = await this.ledger.resolveBySystem(
        manager,
        placement.id,
        [
          AlertKind.REPATRIATION_NEEDED,
          AlertKind.CONTRACT_ENDING,
          AlertKind.MISSED_CHECK_IN,
          AlertKind.DOCUMENT_EXPIRING,
        ],
        "Resolved by Lintas: the worker's return was recorded.",
      );
      return resolved.length > 0 ? 'done' : 'skipped';
    });
  }
}
