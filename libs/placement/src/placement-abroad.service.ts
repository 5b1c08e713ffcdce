import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  Clock,
  DomainError,
  InvalidInputError,
  LintasConfig,
  type ErrorCode,
  type FieldError,
} from '#lintas/core';
import { OutboxWriter } from '#lintas/database';
import {
  nextStage,
  PlacementStage,
  PlacementStore,
  Sector,
  type Placement,
  type PlacementTransition,
} from '#lintas/pre-placement';
import type { DataSource, EntityManager } from 'typeorm';
import { checkInPolicyFrom, schedule } from './check-in/check-in-policy.js';
import type { CheckInPolicy } from './check-in/check-in-policy.types.js';
import {
  DISTRESS_STATUSES,
  PartnerStatus,
  type ContactChannel,
  type TraffickingIndicator,
} from './placement-abroad.enums.js';
import {
  batchItemProblems,
  type WelfareContactBatchItem,
  type WelfareContactInput,
} from './placement-abroad.inputs.js';
import { PartnerStatusReport, WelfareContact } from './welfare/welfare-contact.entity.js';

export interface StatusReport {
  status: PartnerStatus;
  effectiveAt: Date;
  note: string | null;
  employerName: string | null;
}

export interface ContactReport {
  contactedAt: Date;
  channel: ContactChannel;
  reachedWorker: boolean;
  location: string | null;
  wellbeing: string | null;
  indicators: TraffickingIndicator[];
  note: string | null;
  correctsId: string | null;
}

export interface BatchResult {
  index: number;
  contact: WelfareContact | null;
  error: { code: ErrorCode; message: string; fields: FieldError[] } | null;
}

/** The report a validated contact input makes. */
export function contactReportOf(input: WelfareContactInput): ContactReport {
  return {
    contactedAt: input.contactedAt,
    channel: input.channel,
    reachedWorker: input.reachedWorker,
    location: input.location ?? null,
    wellbeing: input.wellbeing ?? null,
    indicators: input.indicators ?? [],
    note: input.note ?? null,
    correctsId: input.corrects ?? null,
  };
}

/**
 * Masa penempatan: what embassies, partners and officers report while a worker is abroad —
 * arrival, partner statuses, welfare contacts — and the check-in schedule and risk they move.
 * Each report is one transaction: the fact, the placement's new schedule, the timeline entry,
 * the audit row and, where an alert rule listens, the outbox event.
 */
@Injectable()
export class PlacementAbroadService {
  private readonly policy: CheckInPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PlacementStore,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    config: LintasConfig,
  ) {
    this.policy = checkInPolicyFrom(config);
  }

  confirmArrival(
    principal: Principal,
    placementId: string,
    version: number,
    arrivedAt: Date,
    employerName: string | null,
  ): Promise<Placement> {
    this.store.refuseFuture(arrivedAt, 'arrivedAt');
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(
        manager,
        principal,
        placementId,
        version,
        'ORIGIN_OR_DESTINATION',
      );
      const stage = nextStage(placement.stage, 'arrive');
      const neverDeparted = placement.departedAt === null;
      if (placement.departedAt && arrivedAt < placement.departedAt) {
        throw InvalidInputError.of('arrivedAt', 'is before the recorded departure');
      }
      const changes: Partial<Placement> = {
        stage,
        arrivedAt,
        ...(employerName && { employerName }),
        // Nobody recorded this worker leaving: the departure is recorded now, as non-procedural.
        ...(neverDeparted && {
          departedAt: arrivedAt,
          procedural: false,
          proceduralReasons: [
            'arrival confirmed abroad without a recorded departure',
            ...placement.proceduralReasons,
          ],
        }),
      };
      const after = await this.saveWithSchedule(manager, placement, changes);
      await this.store.recordEvent(manager, principal, after, 'arrive', placement.stage, { neverDeparted });
      await this.publish(
        manager,
        after,
        neverDeparted ? ['placement.departed_non_procedural', 'placement.arrived'] : ['placement.arrived'],
      );
      await this.recordAudit(manager, principal, 'placement.arrived', placement, changes);
      return after;
    });
  }

  updateStatus(
    principal: Principal,
    placementId: string,
    version: number,
    report: StatusReport,
  ): Promise<Placement> {
    this.store.refuseFuture(report.effectiveAt, 'input.effectiveAt');
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(
        manager,
        principal,
        placementId,
        version,
        'ORIGIN_OR_DESTINATION',
      );
      const stage = nextStage(placement.stage, transitionFor(report.status, placement.stage));
      await manager.insert(PartnerStatusReport, {
        id: randomUUID(),
        placementId,
        status: report.status,
        effectiveAt: report.effectiveAt,
        note: report.note,
        employerName: report.employerName,
        reportedByType: principal.kind,
        reportedById: principal.id,
      });
      // A backdated report joins the history but does not replace a newer status.
      const latest = placement.partnerStatusAt === null || report.effectiveAt >= placement.partnerStatusAt;
      const changes: Partial<Placement> = {
        stage,
        ...(latest && { partnerStatus: report.status, partnerStatusAt: report.effectiveAt }),
        ...(report.employerName && { employerName: report.employerName }),
      };
      const after = await this.saveWithSchedule(manager, placement, changes);
      await this.store.recordEvent(manager, principal, after, `status.${report.status}`, placement.stage, {
        effectiveAt: report.effectiveAt,
      });
      await this.publish(manager, after, topicsForStatus(report.status));
      await this.recordAudit(manager, principal, 'placement.status_reported', placement, {
        ...changes,
        report,
      });
      return after;
    });
  }

  recordContact(principal: Principal, placementId: string, contact: ContactReport): Promise<WelfareContact> {
    this.store.refuseFuture(contact.contactedAt, 'input.contactedAt');
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(
        manager,
        principal,
        placementId,
        undefined,
        'ORIGIN_OR_DESTINATION',
      );
      nextStage(placement.stage, 'recordContact');
      if (contact.correctsId) await this.requireContactOf(manager, placementId, contact.correctsId);
      const row = manager.create(WelfareContact, {
        ...contact,
        id: randomUUID(),
        placementId,
        recordedByType: principal.kind,
        recordedById: principal.id,
      });
      await manager.insert(WelfareContact, row);
      const reachedLater =
        contact.reachedWorker &&
        (placement.lastReachedContactAt === null || contact.contactedAt > placement.lastReachedContactAt);
      const changes: Partial<Placement> = {
        ...(reachedLater && { lastReachedContactAt: contact.contactedAt }),
        // Indicators make the worker a suspected trafficking victim: a later placement is flagged.
        ...(contact.indicators.length > 0 && { suspectedTraffickingVictim: true }),
      };
      const after = await this.saveWithSchedule(manager, placement, changes);
      await this.store.recordEvent(manager, principal, after, 'contact', placement.stage, {
        contactId: row.id,
        reachedWorker: contact.reachedWorker,
        indicators: contact.indicators.length,
      });
      if (contact.indicators.length > 0)
        await this.publish(manager, after, ['placement.trafficking_indicators']);
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'welfare_contact.recorded',
        entityType: 'placement',
        entityId: placementId,
        before: null,
        after: row,
      });
      return row;
    });
  }

  /**
   * Each contact on its own: validated, then recorded in its own transaction. One bad item is
   * answered by its index with its error and spoils nothing else.
   */
  async recordContacts(principal: Principal, items: WelfareContactBatchItem[]): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    for (const [index, item] of items.entries()) {
      const problems = await batchItemProblems(item, index);
      if (problems.length > 0) {
        results.push({
          index,
          contact: null,
          error: { code: 'BAD_USER_INPUT', message: 'invalid contact', fields: problems },
        });
        continue;
      }
      try {
        const contact = await this.recordContact(principal, item.placementId, contactReportOf(item));
        results.push({ index, contact, error: null });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const fields = (error.details.fields as FieldError[] | undefined) ?? [];
        results.push({
          index,
          contact: null,
          error: {
            code: error.code,
            message: error.message,
            fields: fields.map((field) => ({
              ...field,
              path: `contacts.${index}.${field.path.replace(/^input\./, '')}`,
            })),
          },
        });
      }
    }
    return results;
  }

  contactsOf(placementIds: readonly string[]): Promise<WelfareContact[]> {
    return this.dataSource
      .getRepository(WelfareContact)
      .createQueryBuilder('c')
      .where('c.placement_id = ANY(:placementIds)', { placementIds })
      .orderBy('c.contacted_at', 'DESC')
      .getMany();
  }

  statusReportsOf(placementIds: readonly string[]): Promise<PartnerStatusReport[]> {
    return this.dataSource
      .getRepository(PartnerStatusReport)
      .createQueryBuilder('r')
      .where('r.placement_id = ANY(:placementIds)', { placementIds })
      .orderBy('r.effective_at', 'ASC')
      .getMany();
  }

  /** Saves the change with the schedule and risk it leads to, computed from the changed placement. */
  private async saveWithSchedule(
    manager: EntityManager,
    placement: Placement,
    changes: Partial<Placement>,
  ): Promise<Placement> {
    const changed = { ...placement, ...changes };
    const indicatorRows = await manager.query<{ contacted_at: Date }[]>(
      'SELECT contacted_at FROM welfare_contact WHERE placement_id = $1 AND cardinality(indicators) > 0',
      [placement.id],
    );
    const abroad = [PlacementStage.DEPARTED, PlacementStage.PLACED].includes(changed.stage);
    const facts = {
      domestic: changed.sector === Sector.DOMESTIC,
      procedural: changed.procedural,
      departedAt: changed.departedAt,
      arrivedAt: changed.arrivedAt,
      lastReachedContactAt: changed.lastReachedContactAt,
      partnerStatus: (changed.partnerStatus as PartnerStatus | null) ?? null,
      indicatorsSeenAt: indicatorRows.map((row) => row.contacted_at),
      now: this.clock.now(),
    };
    // A contact is missed when the due date the facts imply has passed, not the one stored before
    // this report: a backdated contact may show that nothing was missed after all.
    const implied = schedule({ ...facts, currentDueAt: null }, this.policy);
    const { risk, nextCheckInDueAt } = schedule(
      { ...facts, currentDueAt: implied.nextCheckInDueAt },
      this.policy,
    );
    return this.store.save(manager, placement, {
      ...changes,
      // Only a placement abroad is waited on; a missing or deceased worker is a case, not a schedule.
      nextCheckInDueAt: abroad ? nextCheckInDueAt : null,
      riskLevel: risk.level,
      riskReasons: risk.reasons,
    });
  }

  private async requireContactOf(
    manager: EntityManager,
    placementId: string,
    contactId: string,
  ): Promise<void> {
    const [found] = await manager.query<unknown[]>(
      'SELECT 1 FROM welfare_contact WHERE id = $1 AND placement_id = $2',
      [contactId, placementId],
    );
    if (!found) throw InvalidInputError.of('input.corrects', 'is not a contact of this placement');
  }

  private async publish(manager: EntityManager, placement: Placement, topics: string[]): Promise<void> {
    for (const topic of topics) {
      await this.outbox.publish(manager, { topic, aggregateType: 'placement', aggregateId: placement.id });
    }
  }

  private recordAudit(
    manager: EntityManager,
    principal: Principal,
    action: string,
    before: Placement,
    after: object,
  ): Promise<unknown> {
    return this.audit.record(manager, {
      actor: auditActor(principal),
      action,
      entityType: 'placement',
      entityId: before.id,
      before: { stage: before.stage, partnerStatus: before.partnerStatus, arrivedAt: before.arrivedAt },
      after,
    });
  }
}

function transitionFor(status: PartnerStatus, stage: PlacementStage): PlacementTransition {
  if (status === PartnerStatus.DECEASED) return 'reportDeceased';
  if (status === PartnerStatus.MISSING) return 'reportMissing';
  return stage === PlacementStage.MISSING ? 'reportFound' : 'reportStatus';
}

function topicsForStatus(status: PartnerStatus): string[] {
  if (status === PartnerStatus.DECEASED) return ['placement.deceased'];
  if (status === PartnerStatus.MISSING) return ['placement.missing'];
  return DISTRESS_STATUSES.includes(status) ? ['placement.distress_reported'] : [];
}
