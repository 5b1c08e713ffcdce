import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  Clock,
  ConflictError,
  DomainError,
  InvalidInputError,
  LintasConfig,
  type ErrorCode,
  type FieldError,
} from '#lintas/core';
import { firstPerKey, isUniqueViolation, OutboxWriter } from '#lintas/database';
import {
  EmployerType,
  nextStage,
  Placement,
  PlacementStage,
  PlacementStore,
  Sector,
  type PlacementTransition,
} from '#lintas/pre-placement';
import { WorkerService, type ReportedWorker, type WorkerView } from '#lintas/registry';
import type { DataSource, EntityManager } from 'typeorm';
import { checkInPolicyFrom, schedule } from './check-in/check-in-policy.js';
import type { CheckInPolicy } from './check-in/check-in-policy.types.js';
import {
  ContactChannel,
  DISTRESS_STATUSES,
  PartnerStatus,
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

/** An embassy or partner met a worker abroad, perhaps one Lintas has never seen. */
export interface WorkerAbroadReport {
  worker: ReportedWorker;
  destination: string;
  foundAt: Date;
  circumstances: string;
  indicators: TraffickingIndicator[];
  status: PartnerStatus | null;
}

/** The ruleset version a placement carries when it was never evaluated, only reported from abroad. */
export const REPORTED_ABROAD_RULE_SET = 'reported-abroad';

/** What Lintas stores for a placement it learns of abroad, terms unknown (the report does not carry them). */
const UNKNOWN_TERMS = {
  destinationCity: null,
  sector: Sector.OTHER,
  employerType: EmployerType.INDIVIDUAL,
  employerName: null,
  jobTitle: 'unknown',
  recruiterId: null,
  scheme: null,
  visaType: null,
  contractStart: null,
  contractEnd: null,
  plannedDepartureAt: null,
  departedAt: null,
  departurePort: null,
} satisfies Partial<Placement>;

const STAGES_BEFORE_ARRIVAL: readonly PlacementStage[] = [
  PlacementStage.REGISTERED,
  PlacementStage.CLEARED,
  PlacementStage.DEPARTED,
];

/**
 * The stages whose worker is abroad and owed welfare contacts: a worker waiting to be brought home
 * (in a shelter, in detention, sometimes for weeks) included. The missed-check-in sweep watches the
 * same stages (ABROAD in libs/alerts).
 */
const STAGES_ON_SCHEDULE: readonly PlacementStage[] = [
  PlacementStage.DEPARTED,
  PlacementStage.PLACED,
  PlacementStage.REPATRIATING,
];

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
    private readonly workers: WorkerService,
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
      const neverDeparted = placement.departedAt === null;
      const changes = arrivalChanges(placement, arrivedAt, employerName, 'arrivedAt');
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
      const changes = await this.applyStatus(manager, principal, placement, placement.stage, report);
      const after = await this.saveWithSchedule(manager, placement, changes);
      await this.store.recordEvent(manager, principal, after, `status.${report.status}`, placement.stage, {
        effectiveAt: report.effectiveAt,
      });
      await this.publish(manager, after, [
        ...topicsForStatus(report.status),
        ...foundTopics(placement, after),
      ]);
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
      const row = await this.insertContact(manager, principal, placementId, contact);
      const after = await this.saveWithSchedule(manager, placement, contactChanges(placement, contact));
      await this.store.recordEvent(manager, principal, after, 'contact', placement.stage, {
        contactId: row.id,
        reachedWorker: contact.reachedWorker,
        indicators: contact.indicators.length,
      });
      await this.publish(manager, after, topicsOfContact(contact), { welfareContactId: row.id });
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
   * An embassy or partner met a worker abroad — a shelter walk-in, a deportee — whom Lintas may
   * never have seen. The worker is matched (by NIK, or by name, date of birth and destination) or
   * recorded with what is known; the report then lands on the worker's open placement in that
   * country, or on a new, non-procedural placement at PLACED (or the reported DECEASED/MISSING).
   * A second report of the same person so attaches to the same placement. One transaction.
   */
  reportWorkerAbroad(principal: Principal, report: WorkerAbroadReport): Promise<Placement> {
    this.store.refuseFuture(report.foundAt, 'input.foundAt');
    const { national, countryCodes } = principal.jurisdiction;
    if (!national && !countryCodes.includes(report.destination)) {
      throw InvalidInputError.of('input.destination', 'is outside your jurisdiction');
    }
    return this.dataSource.transaction(async (manager) => {
      const [country] = await manager.query<unknown[]>('SELECT 1 FROM country WHERE code = $1', [
        report.destination,
      ]);
      if (!country) throw InvalidInputError.of('input.destination', 'is not an ISO 3166-1 country code');
      // Two reports of one person at once apply one after the other: the second finds the first's worker.
      for (const identity of identitiesOf(report)) {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [identity]);
      }
      const known = await this.workers.findReported(manager, report.worker, report.destination);
      const worker = known ?? (await this.workers.registerReported(manager, report.worker));
      const open = known && (await this.openPlacementOf(manager, known.id));
      if (open && open.destination !== report.destination) {
        throw new ConflictError(
          // Which country is not said: the reporter may not learn where else the worker is placed.
          'The worker has an open placement in another country: it must be closed or cancelled first',
          'input.destination',
        );
      }
      const detail = {
        workerCreated: !known,
        matchedBy: !known ? null : report.worker.nik !== null ? 'nik' : 'name_date_of_birth_destination',
      };
      return open
        ? this.attachReport(manager, principal, open, report, detail)
        : this.placeReported(manager, principal, worker, report, detail);
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

  /** The newest `limit` contacts of each placement, newest first (by contact time, then id). */
  contactsOf(placementIds: readonly string[], limit: number): Promise<WelfareContact[]> {
    return this.dataSource
      .getRepository(WelfareContact)
      .createQueryBuilder('c')
      .where(
        firstPerKey('c', 'placementIds', {
          table: 'welfare_contact',
          keyColumn: 'placement_id',
          order: 'x.contacted_at DESC, x.id DESC',
          limit,
        }),
        { placementIds },
      )
      .orderBy('c.contacted_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
  }

  /** The latest `limit` status reports of each placement, oldest first. */
  statusReportsOf(placementIds: readonly string[], limit: number): Promise<PartnerStatusReport[]> {
    return this.dataSource
      .getRepository(PartnerStatusReport)
      .createQueryBuilder('r')
      .where(
        firstPerKey('r', 'placementIds', {
          table: 'partner_status_report',
          keyColumn: 'placement_id',
          order: 'x.effective_at DESC, x.id DESC',
          limit,
        }),
        { placementIds },
      )
      .orderBy('r.effective_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /** A new placement for a worker reported abroad, with the report's contact and status. */
  private async placeReported(
    manager: EntityManager,
    principal: Principal,
    worker: WorkerView,
    report: WorkerAbroadReport,
    detail: Record<string, unknown>,
  ): Promise<Placement> {
    const id = randomUUID();
    const [earlierVictim] = await manager.query<unknown[]>(
      'SELECT 1 FROM placement WHERE worker_id = $1 AND suspected_trafficking_victim LIMIT 1',
      [worker.id],
    );
    const contact = reportedContact(report);
    const placement = manager.create(Placement, {
      ...UNKNOWN_TERMS,
      id,
      workerId: worker.id,
      originProvinceCode: worker.originProvince?.code ?? null,
      originRegencyCode: worker.originRegency?.code ?? null,
      destination: report.destination,
      stage: stageReported(report.status),
      procedural: false,
      proceduralReasons: [`reported abroad by ${principal.agency.name}, unknown to Lintas before`],
      ruleSetVersion: REPORTED_ABROAD_RULE_SET,
      reTraffickingRisk: earlierVictim !== undefined,
      suspectedTraffickingVictim: false,
      cancellationReason: null,
      arrivedAt: report.foundAt,
      partnerStatus: null,
      partnerStatusAt: null,
      lastReachedContactAt: null,
      nextCheckInDueAt: null,
      riskLevel: null,
      riskReasons: [],
      version: 1,
    });
    try {
      await manager.insert(Placement, placement);
    } catch (error) {
      if (isUniqueViolation(error, 'placement_one_open_per_worker_key')) {
        throw new ConflictError('The worker was given an open placement meanwhile: report again', 'input');
      }
      throw error;
    }
    const status = reportedStatus(report);
    if (status) await this.insertStatusReport(manager, principal, id, status);
    const row = await this.insertContact(manager, principal, id, contact);
    const changes: Partial<Placement> = {
      ...contactChanges(placement, contact),
      ...(status && { partnerStatus: status.status, partnerStatusAt: status.effectiveAt }),
    };
    // A placement nobody else can see yet: its schedule is written at version 1, with what it was reported with.
    await manager.update(
      Placement,
      { id },
      { ...changes, ...(await this.scheduleOf(manager, placement, changes)) },
    );
    const after = await manager.getRepository(Placement).findOneByOrFail({ id });
    await this.store.recordEvent(manager, principal, after, 'reported_abroad', null, {
      ...detail,
      contactId: row.id,
      indicators: contact.indicators.length,
    });
    if (status) {
      await this.store.recordEvent(manager, principal, after, `status.${status.status}`, after.stage, {
        effectiveAt: status.effectiveAt,
      });
    }
    await this.publish(
      manager,
      after,
      ['placement.reported_abroad', 'placement.departed_non_procedural', ...topicsOfReport(report, contact)],
      { welfareContactId: row.id },
    );
    await this.audit.record(manager, {
      actor: auditActor(principal),
      action: 'placement.reported_abroad',
      entityType: 'placement',
      entityId: id,
      before: null,
      after: { ...after, ...detail, circumstances: report.circumstances },
    });
    return after;
  }

  /**
   * A report of a worker whose open placement in that country Lintas knows: recorded on it. A
   * placement not yet known to have arrived arrives now (and departs, non-procedurally, if nobody
   * recorded the departure).
   */
  private async attachReport(
    manager: EntityManager,
    principal: Principal,
    open: Placement,
    report: WorkerAbroadReport,
    detail: Record<string, unknown>,
  ): Promise<Placement> {
    const placement = await this.store.lockForChange(
      manager,
      principal,
      open.id,
      undefined,
      'ORIGIN_OR_DESTINATION',
    );
    const arriving = STAGES_BEFORE_ARRIVAL.includes(placement.stage);
    const neverDeparted = placement.departedAt === null;
    const arrival = arriving ? arrivalChanges(placement, report.foundAt, null, 'input.foundAt') : {};
    const status = reportedStatus(report);
    const stage = arrival.stage ?? placement.stage;
    // A report is also a contact: refused, like any contact, on a placement that is no longer abroad.
    nextStage(stage, 'recordContact');
    const statusChanges = status ? await this.applyStatus(manager, principal, placement, stage, status) : {};
    const contact = reportedContact(report);
    const row = await this.insertContact(manager, principal, placement.id, contact);
    const changes: Partial<Placement> = {
      ...arrival,
      ...statusChanges,
      ...contactChanges(placement, contact),
    };
    const after = await this.saveWithSchedule(manager, placement, changes);
    await this.store.recordEvent(manager, principal, after, 'reported_abroad', placement.stage, {
      ...detail,
      repeated: true,
      arrived: arriving,
      contactId: row.id,
      indicators: contact.indicators.length,
    });
    if (status) {
      await this.store.recordEvent(manager, principal, after, `status.${status.status}`, stage, {
        effectiveAt: status.effectiveAt,
      });
    }
    await this.publish(
      manager,
      after,
      [
        'placement.reported_abroad',
        ...(arriving ? ['placement.arrived'] : []),
        ...(arriving && neverDeparted ? ['placement.departed_non_procedural'] : []),
        ...topicsOfReport(report, contact),
        ...foundTopics(placement, after),
      ],
      { welfareContactId: row.id },
    );
    await this.recordAudit(manager, principal, 'placement.reported_abroad', placement, {
      ...changes,
      ...detail,
      circumstances: report.circumstances,
    });
    return after;
  }

  /** The worker's placement that is neither closed nor cancelled (at most one, by a unique index). */
  private openPlacementOf(manager: EntityManager, workerId: string): Promise<Placement | null> {
    return manager
      .getRepository(Placement)
      .createQueryBuilder('p')
      .where(`p.worker_id = :workerId AND p.stage NOT IN ('CLOSED', 'CANCELLED')`, { workerId })
      .getOne();
  }

  /**
   * Stores a partner status and returns the changes it makes to the placement, whose stage is
   * `stage` by now (an arrival may have moved it within the same report).
   */
  private async applyStatus(
    manager: EntityManager,
    principal: Principal,
    placement: Placement,
    stage: PlacementStage,
    report: StatusReport,
  ): Promise<Partial<Placement>> {
    // A backdated report joins the history but changes neither the status nor the stage: a
    // WORKING from last week must not bring back a worker reported MISSING since.
    const latest = placement.partnerStatusAt === null || report.effectiveAt >= placement.partnerStatusAt;
    const next = latest ? nextStage(stage, transitionFor(report.status, stage)) : stage;
    await this.insertStatusReport(manager, principal, placement.id, report);
    return {
      stage: next,
      ...(latest && { partnerStatus: report.status, partnerStatusAt: report.effectiveAt }),
      ...(report.employerName && { employerName: report.employerName }),
    };
  }

  private async insertStatusReport(
    manager: EntityManager,
    principal: Principal,
    placementId: string,
    report: StatusReport,
  ): Promise<void> {
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
  }

  private async insertContact(
    manager: EntityManager,
    principal: Principal,
    placementId: string,
    contact: ContactReport,
  ): Promise<WelfareContact> {
    const row = manager.create(WelfareContact, {
      ...contact,
      id: randomUUID(),
      placementId,
      recordedByType: principal.kind,
      recordedById: principal.id,
    });
    await manager.insert(WelfareContact, row);
    return row;
  }

  /** Saves the change with the schedule and risk it leads to, computed from the changed placement. */
  private async saveWithSchedule(
    manager: EntityManager,
    placement: Placement,
    changes: Partial<Placement>,
  ): Promise<Placement> {
    return this.store.save(manager, placement, {
      ...changes,
      ...(await this.scheduleOf(manager, placement, changes)),
    });
  }

  /** The schedule and risk the changed placement leads to, with the indicators recorded on it so far. */
  private async scheduleOf(
    manager: EntityManager,
    placement: Placement,
    changes: Partial<Placement>,
  ): Promise<Pick<Placement, 'nextCheckInDueAt' | 'riskLevel' | 'riskReasons'>> {
    const changed = { ...placement, ...changes };
    const indicatorRows = await manager.query<{ contacted_at: Date }[]>(
      'SELECT contacted_at FROM welfare_contact WHERE placement_id = $1 AND cardinality(indicators) > 0',
      [placement.id],
    );
    const abroad = STAGES_ON_SCHEDULE.includes(changed.stage);
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
    return {
      // A missing or deceased worker is a case, not a schedule; one home is no longer waited on.
      nextCheckInDueAt: abroad ? nextCheckInDueAt : null,
      riskLevel: risk.level,
      riskReasons: risk.reasons,
    };
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

  private async publish(
    manager: EntityManager,
    placement: Placement,
    topics: string[],
    payload?: Record<string, string>,
  ): Promise<void> {
    for (const topic of topics) {
      await this.outbox.publish(manager, {
        topic,
        aggregateType: 'placement',
        aggregateId: placement.id,
        payload,
      });
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

/** A worker reported missing is reported found again: the alert engine closes the search. */
function foundTopics(before: Placement, after: Placement): string[] {
  return before.stage === PlacementStage.MISSING && after.stage === PlacementStage.PLACED
    ? ['placement.found']
    : [];
}

function topicsForStatus(status: PartnerStatus): string[] {
  if (status === PartnerStatus.DECEASED) return ['placement.deceased'];
  if (status === PartnerStatus.MISSING) return ['placement.missing'];
  return DISTRESS_STATUSES.includes(status) ? ['placement.distress_reported'] : [];
}

/**
 * The stage a placement arriving abroad moves to, with the departure nobody recorded recorded
 * now, as non-procedural. `path` names the reported time in errors.
 */
function arrivalChanges(
  placement: Placement,
  arrivedAt: Date,
  employerName: string | null,
  path: string,
): Partial<Placement> {
  const stage = nextStage(placement.stage, 'arrive');
  if (placement.departedAt && arrivedAt < placement.departedAt) {
    throw InvalidInputError.of(path, 'is before the recorded departure');
  }
  return {
    stage,
    arrivedAt,
    ...(employerName && { employerName }),
    // Nobody recorded this worker leaving: the departure is recorded now, as non-procedural.
    ...(placement.departedAt === null && {
      departedAt: arrivedAt,
      procedural: false,
      proceduralReasons: [
        'arrival confirmed abroad without a recorded departure',
        ...placement.proceduralReasons,
      ],
    }),
  };
}

/** What a contact changes on its placement: the last time the worker was reached, the victim flag. */
function contactChanges(placement: Placement, contact: ContactReport): Partial<Placement> {
  const reachedLater =
    contact.reachedWorker &&
    (placement.lastReachedContactAt === null || contact.contactedAt > placement.lastReachedContactAt);
  return {
    ...(reachedLater && { lastReachedContactAt: contact.contactedAt }),
    // Indicators make the worker a suspected trafficking victim: a later placement is flagged.
    ...(contact.indicators.length > 0 && { suspectedTraffickingVictim: true }),
  };
}

/** The meeting itself, recorded as a welfare contact so its indicators count for risk. */
function reportedContact(report: WorkerAbroadReport): ContactReport {
  return {
    contactedAt: report.foundAt,
    channel: report.status === PartnerStatus.IN_SHELTER ? ContactChannel.SHELTER : ContactChannel.VISIT,
    reachedWorker: true,
    location: null,
    wellbeing: null,
    indicators: report.indicators,
    note: report.circumstances,
    correctsId: null,
  };
}

function reportedStatus(report: WorkerAbroadReport): StatusReport | null {
  return (
    report.status && { status: report.status, effectiveAt: report.foundAt, note: null, employerName: null }
  );
}

function stageReported(status: PartnerStatus | null): PlacementStage {
  if (status === PartnerStatus.DECEASED) return PlacementStage.DECEASED;
  if (status === PartnerStatus.MISSING) return PlacementStage.MISSING;
  return PlacementStage.PLACED;
}

/** What a contact tells the alert engine: indicators seen, and that the worker was reached. */
function topicsOfContact(contact: ContactReport): string[] {
  return [
    ...(contact.indicators.length > 0 ? ['placement.trafficking_indicators'] : []),
    ...(contact.reachedWorker ? ['placement.worker_reached'] : []),
  ];
}

function topicsOfReport(report: WorkerAbroadReport, contact: ContactReport): string[] {
  return [...topicsOfContact(contact), ...(report.status ? topicsForStatus(report.status) : [])];
}

/**
 * The keys that name the person reported: the NIK, and name + date of birth + country (a person may
 * be reported once without a NIK, once with). Taken in one order, so two reports cannot deadlock.
 */
function identitiesOf(report: WorkerAbroadReport): string[] {
  const { nik, fullName, dateOfBirth } = report.worker;
  const name = fullName.trim().replace(/\s+/g, ' ').toLowerCase();
  return [
    `reported-worker:${name}|${dateOfBirth ?? ''}|${report.destination}`,
    ...(nik !== null ? [`reported-worker:${nik}`] : []),
  ].sort();
}
