import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, isWithinJurisdiction, placementScope, Role, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  Clock,
  ConflictError,
  decodeCursor,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PiiCipher,
  PreconditionFailedError,
  toConnection,
  type ConnectionShape,
  type FieldError,
  type KeysetCursor,
} from '#lintas/core';
import { firstPerKey, isUniqueViolation, OutboxWriter } from '#lintas/database';
import { WorkerService } from '#lintas/registry';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { evaluatePlacement } from '../rules/procedural-rule-engine.js';
import type { Evaluation } from '../rules/rule-engine.types.js';
import { gatherFacts, indonesianDate, type PlacementTerms } from './placement-facts.js';
import { nextStage, type PlacementTransition } from './placement-stage.js';
import { Placement, PlacementEvent, Requirement } from './placement.entity.js';
import { PlacementStore } from './placement.store.js';
import { PlacementStage, RequirementKind, RequirementStatus, type RiskLevel } from './placement.enums.js';
import {
  auditedRequirement,
  openRequirement,
  openRequirementPart,
  sealDocumentNumber,
  type RequirementPart,
  type RequirementRowPart,
  type RequirementView,
} from './requirement-document.js';

export interface RegisterPlacementCommand extends PlacementTerms {
  employerName: string | null;
  plannedDepartureAt: Date | null;
}

export interface RecordRequirementCommand {
  kind: RequirementKind;
  status: RequirementStatus;
  documentNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string | null;
}

export interface PlacementFilter {
  stage?: PlacementStage;
  destination?: string;
  sector?: string;
  originProvinceCode?: string;
  originRegencyCode?: string;
  procedural?: boolean;
  riskLevel?: RiskLevel;
  recruiterId?: string;
  plannedDepartureFrom?: Date;
  plannedDepartureTo?: Date;
}

/** Checked by Lintas from what it knows; an officer may only record evidence for PASSPORT_VALID. */
const EVALUATED_BY_LINTAS = new Set<RequirementKind>([
  RequirementKind.AGE_MINIMUM,
  RequirementKind.NIK_CONSISTENT,
  RequirementKind.LICENSED_RECRUITER,
  RequirementKind.RECRUITMENT_PERMIT,
  RequirementKind.DESTINATION_OPEN,
]);

/** A NIK that names another regency may be waived (the worker moved); the law's conditions may not. */
const WAIVABLE_LINTAS_KINDS = new Set<RequirementKind>([RequirementKind.NIK_CONSISTENT]);

/** Evidence an officer records, of which only the document and its dates are read: not waivable. */
const UNWAIVABLE_EVIDENCE = new Set<RequirementKind>([RequirementKind.PASSPORT_VALID]);

/** Checklists read in the order of the law's list, as the engine writes them. */
const KIND_RANK = new Map(Object.values(RequirementKind).map((kind, rank) => [kind, rank]));

/**
 * Rows in the order of the law's list, those of one kind as they were read: one bucket per kind
 * rather than a sort, whose comparisons looked each kind up again (a page sorts about 900 rows).
 */
function inKindOrder<T extends { kind: RequirementKind }>(rows: readonly T[]): T[] {
  const buckets: T[][] = Array.from(KIND_RANK, () => []);
  for (const row of rows) buckets[KIND_RANK.get(row.kind) ?? 0]?.push(row);
  return buckets.flat();
}

/**
 * The columns of each field of a requirement, for the checklists of a page read as plain rows and
 * with only the fields asked: a page of 50 placements reads about 900 requirements, TypeORM's
 * entity hydration of that many rows cost more than the rest of the page, and so did reading every
 * column of each (two timestamps made into dates, a sealed number) for a page that shows three.
 * Dates come as the text TypeORM would give (`YYYY-MM-DD`), not as JavaScript dates.
 */
const REQUIREMENT_COLUMNS: Record<keyof RequirementView, string> = {
  id: 'r.id',
  placementId: 'r.placement_id AS "placementId"',
  kind: 'r.kind',
  status: 'r.status',
  reason: 'r.reason',
  evaluatedBy: 'r.evaluated_by AS "evaluatedBy"',
  recordedStatus: 'r.recorded_status AS "recordedStatus"',
  documentNumber: 'r.document_number_ciphertext AS "documentNumberCiphertext"',
  issuer: 'r.issuer',
  issuedOn: `to_char(r.issued_on, 'YYYY-MM-DD') AS "issuedOn"`,
  expiresOn: `to_char(r.expires_on, 'YYYY-MM-DD') AS "expiresOn"`,
  note: 'r.note',
  recordedById: 'r.recorded_by_id AS "recordedById"',
  recordedAt: 'r.recorded_at AS "recordedAt"',
  updatedAt: 'r.updated_at AS "updatedAt"',
};

/** Read whatever is asked: the placement groups the rows, the kind orders them. */
const ALWAYS_READ = new Set<string>(['placementId', 'kind']);

/**
 * The fields of a requirement read for a query's selection, in one order: those of the selection
 * that have a column (not `__typename`), and always the placement and the kind. Two selections
 * reading the same columns share one statement.
 */
export function requirementFieldsRead(selected: ReadonlySet<string>): (keyof RequirementView)[] {
  return (Object.keys(REQUIREMENT_COLUMNS) as (keyof RequirementView)[]).filter(
    (field) => ALWAYS_READ.has(field) || selected.has(field),
  );
}

@Injectable()
export class PlacementService {
  private placementColumns: string[] | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workers: WorkerService,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly store: PlacementStore,
    private readonly cipher: PiiCipher,
  ) {}

  register(principal: Principal, command: RegisterPlacementCommand): Promise<Placement> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkTerms(manager, command);
      const worker = await this.workers.findVisible(manager, principal, command.workerId);
      // Seeing a worker (an embassy sees those placed in its country) is not being the office of origin.
      const ofOrigin =
        worker &&
        isWithinJurisdiction(principal.jurisdiction, {
          provinceCode: worker.originProvince?.code,
          regencyCode: worker.originRegency?.code,
        });
      if (!worker || !ofOrigin) throw new NotFoundError('Worker', command.workerId, 'input.workerId');
      const id = randomUUID();
      const departureDate = command.plannedDepartureAt && indonesianDate(command.plannedDepartureAt);
      const evaluation = evaluatePlacement(
        await gatherFacts(manager, this.workers, command, departureDate, [], id),
      );
      const [earlierVictim] = await manager.query<unknown[]>(
        'SELECT 1 FROM placement WHERE worker_id = $1 AND suspected_trafficking_victim LIMIT 1',
        [command.workerId],
      );
      const placement = manager.create(Placement, {
        ...command,
        id,
        originProvinceCode: worker.originProvince?.code ?? null,
        originRegencyCode: worker.originRegency?.code ?? null,
        departedAt: null,
        departurePort: null,
        stage: PlacementStage.REGISTERED,
        procedural: evaluation.procedural,
        proceduralReasons: evaluation.proceduralReasons,
        ruleSetVersion: evaluation.ruleSetVersion,
        reTraffickingRisk: earlierVictim !== undefined,
        suspectedTraffickingVictim: false,
        cancellationReason: null,
        version: 1,
      });
      try {
        await manager.insert(Placement, placement);
      } catch (error) {
        if (isUniqueViolation(error, 'placement_one_open_per_worker_key')) {
          throw new ConflictError(
            'The worker already has a placement that is not closed or cancelled',
            'input.workerId',
          );
        }
        throw error;
      }
      await this.saveRequirements(manager, id, evaluation, []);
      await this.store.recordEvent(manager, principal, placement, 'registered', null, {
        procedural: evaluation.procedural,
        destinationDecision: evaluation.destination.decision,
        ruleSetVersion: evaluation.ruleSetVersion,
      });
      await this.outbox.publish(manager, {
        topic: 'placement.registered',
        aggregateType: 'placement',
        aggregateId: id,
      });
      if (placement.reTraffickingRisk) {
        await this.outbox.publish(manager, {
          topic: 'placement.re_trafficking_risk',
          aggregateType: 'placement',
          aggregateId: id,
        });
      }
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'placement.registered',
        entityType: 'placement',
        entityId: id,
        before: null,
        after: placement,
      });
      return placement;
    });
  }

  recordRequirement(
    principal: Principal,
    placementId: string,
    version: number,
    command: RecordRequirementCommand,
  ): Promise<Placement> {
    this.checkRequirementCommand(principal, command);
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      nextStage(placement.stage, 'recordRequirement');
      const before = await this.requirementRows(manager, placementId);
      const recorded = before.map((row) =>
        row.kind === command.kind ? { ...row, ...command, recordedStatus: command.status } : row,
      );
      const evaluation = await this.evaluate(manager, placement, recorded);
      await this.saveRequirements(manager, placementId, evaluation, recorded, {
        kind: command.kind,
        recordedById: principal.id,
        recordedAt: this.clock.now(),
      });
      const decided = evaluation.requirements.find((requirement) => requirement.kind === command.kind);
      const after = await this.store.save(manager, placement, {
        procedural: evaluation.procedural,
        proceduralReasons: evaluation.proceduralReasons,
        ruleSetVersion: evaluation.ruleSetVersion,
      });
      await this.store.recordEvent(manager, principal, after, 'requirement.recorded', placement.stage, {
        kind: command.kind,
        recorded: command.status,
        decided: decided?.status,
        reason: decided?.reason,
      });
      // Audit rows are hash-chained and never change, so they could never be re-encrypted: of the
      // document number they keep only whether one is recorded, and whether this changed it.
      const previous = before.find((row) => row.kind === command.kind);
      const { documentNumber, ...evidence } = command;
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'placement.requirement_recorded',
        entityType: 'placement',
        entityId: placementId,
        before: previous ? auditedRequirement(previous) : null,
        after: {
          ...evidence,
          documentNumberRecorded: documentNumber !== null,
          documentNumberChanged: documentNumber !== (previous?.documentNumber ?? null),
          decided: decided?.status,
          reason: decided?.reason,
        },
      });
      return after;
    });
  }

  /** REGISTERED → CLEARED only when every requirement holds; otherwise PRECONDITION_FAILED, listing each. */
  clear(principal: Principal, placementId: string, version: number): Promise<Placement> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      const stage = nextStage(placement.stage, 'clear');
      const evaluation = await this.evaluate(manager, placement);
      if (!evaluation.procedural) {
        throw new PreconditionFailedError(
          'The placement cannot be cleared for departure yet',
          unmetOf(evaluation),
        );
      }
      return this.transition(
        manager,
        principal,
        placement,
        'clear',
        stage,
        evaluation,
        {},
        'placement.cleared',
      );
    });
  }

  /**
   * Records a departure as the fact it is. Without a clearance that still holds on the day, the
   * placement departs non-procedurally, with its reasons, and an event the alert engine acts on.
   */
  depart(
    principal: Principal,
    placementId: string,
    version: number,
    departedAt: Date,
    port: string | null,
  ): Promise<Placement> {
    this.store.refuseFuture(departedAt, 'departedAt');
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      const stage = nextStage(placement.stage, 'depart');
      const evaluation = await this.evaluate(manager, placement, undefined, indonesianDate(departedAt));
      const cleared = placement.stage === PlacementStage.CLEARED;
      const procedural = cleared && evaluation.procedural;
      const reasons = [
        ...(cleared ? [] : ['departed without clearance for departure']),
        ...evaluation.proceduralReasons,
      ];
      return this.transition(
        manager,
        principal,
        placement,
        'depart',
        stage,
        { ...evaluation, procedural, proceduralReasons: procedural ? [] : reasons },
        { departedAt, departurePort: port },
        procedural ? 'placement.departed' : 'placement.departed_non_procedural',
      );
    });
  }

  cancel(principal: Principal, placementId: string, version: number, reason: string): Promise<Placement> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      const stage = nextStage(placement.stage, 'cancel');
      const changes = { stage, cancellationReason: reason };
      const after = await this.store.save(manager, placement, changes);
      await this.store.recordEvent(manager, principal, after, 'cancel', placement.stage, { reason });
      await this.outbox.publish(manager, {
        topic: 'placement.cancelled',
        aggregateType: 'placement',
        aggregateId: placementId,
      });
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'placement.cancelled',
        entityType: 'placement',
        entityId: placementId,
        before: { stage: placement.stage },
        after: changes,
      });
      return after;
    });
  }

  async get(principal: Principal, id: string): Promise<Placement> {
    const placement = await this.store
      .scoped(this.dataSource.manager, principal)
      .andWhere('p.id = :id', { id })
      .getOne();
    if (!placement) throw new NotFoundError('Placement', id);
    return placement;
  }

  /**
   * A page of the placements the principal may see, newest first. With `countTotal`, the count and
   * the page are read in one snapshot so they agree; without it, the page is one statement alone.
   */
  async list(
    principal: Principal,
    filter: PlacementFilter,
    first: number,
    after: string | undefined,
    countTotal: boolean,
  ): Promise<ConnectionShape<Placement>> {
    const cursor = decodeCursor(after);
    const { rows, totalCount } = countTotal
      ? await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
          const filtered = this.filtered(manager, principal, filter);
          const count = await filtered.clone().getCount();
          return { rows: await this.page(filtered, first, cursor), totalCount: count };
        })
      : {
          rows: await this.page(this.filtered(this.dataSource.manager, principal, filter), first, cursor),
          totalCount: undefined,
        };
    return toConnection(rows, first, totalCount, (row) => row);
  }

  private filtered(
    manager: EntityManager,
    principal: Principal,
    filter: PlacementFilter,
  ): SelectQueryBuilder<Placement> {
    const query = this.store.scoped(manager, principal);
    const equal: [keyof PlacementFilter, string][] = [
      ['stage', 'p.stage'],
      ['destination', 'p.destination'],
      ['sector', 'p.sector'],
      ['originProvinceCode', 'p.origin_province_code'],
      ['originRegencyCode', 'p.origin_regency_code'],
      ['procedural', 'p.procedural'],
      ['riskLevel', 'p.risk_level'],
      ['recruiterId', 'p.recruiter_id'],
    ];
    for (const [field, column] of equal) {
      if (filter[field] !== undefined) query.andWhere(`${column} = :${field}`, { [field]: filter[field] });
    }
    if (filter.plannedDepartureFrom) {
      query.andWhere('p.planned_departure_at >= :from', { from: filter.plannedDepartureFrom });
    }
    if (filter.plannedDepartureTo) {
      query.andWhere('p.planned_departure_at < :to', { to: filter.plannedDepartureTo });
    }
    return query;
  }

  /** Newest first by keyset, `first + 1` rows so the caller can tell whether a next page exists. */
  private page(
    query: SelectQueryBuilder<Placement>,
    first: number,
    cursor: KeysetCursor | undefined,
  ): Promise<Placement[]> {
    if (cursor) {
      query.andWhere('(p.created_at, p.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: cursor.createdAt,
        afterId: cursor.id,
      });
    }
    return query
      .select(this.rawColumns(query))
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(first + 1)
      .getRawMany<Placement>();
  }

  /**
   * Every column of a placement under its property name, for a page read as plain rows rather than
   * hydrated into entities (TypeORM's hydration was about a tenth of the API's work on a page of 50):
   * the rows hold what the entity would, `date` columns as TypeORM gives them (`YYYY-MM-DD`).
   * Made from the entity's metadata once, so a column added to the entity is read here too.
   */
  private rawColumns(query: SelectQueryBuilder<Placement>): string[] {
    this.placementColumns ??= query.connection.getMetadata(Placement).columns.map((column) => {
      const value = `p.${column.databaseName}`;
      const read = column.type === 'date' ? `to_char(${value}, 'YYYY-MM-DD')` : value;
      return `${read} AS "${column.propertyName}"`;
    });
    return this.placementColumns;
  }

  /**
   * The newest `limit` placements of each of several workers that the principal may see, newest
   * first, for a per-request loader. The scope is applied before the limit as well as on the rows.
   */
  placementsOfWorkers(
    principal: Principal,
    workerIds: readonly string[],
    limit: number,
  ): Promise<Placement[]> {
    const visible = placementScope(principal.jurisdiction, 'x');
    return this.store
      .scoped(this.dataSource.manager, principal)
      .andWhere(
        firstPerKey('p', 'workerIds', {
          table: 'placement',
          keyColumn: 'worker_id',
          order: 'x.created_at DESC, x.id DESC',
          limit,
          where: visible.sql,
        }),
        { workerIds, ...visible.params },
      )
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .getMany();
  }

  /**
   * The checklists of several placements, for a per-request loader: the `fields` of each
   * requirement (see requirementFieldsRead), document numbers in clear.
   */
  async requirementsOf(
    placementIds: readonly string[],
    fields: readonly (keyof RequirementView)[],
  ): Promise<RequirementPart[]> {
    const columns = fields.map((field) => REQUIREMENT_COLUMNS[field]);
    const rows = await this.dataSource.query<RequirementRowPart[]>(
      `SELECT ${columns.join(', ')} FROM "requirement" "r" WHERE r.placement_id = ANY($1)`,
      [placementIds],
    );
    return inKindOrder(rows).map((row) => openRequirementPart(this.cipher, row));
  }

  /**
   * The names of who acted (`user:<id>`, `api-key:<id>`): a user's display name, an API key's
   * agency, the embassy or partner whose system sent it.
   */
  actorNames(actors: readonly string[]): Promise<{ actor: string; name: string }[]> {
    const ids = (type: string): string[] =>
      actors.filter((actor) => actor.startsWith(`${type}:`)).map((actor) => actor.slice(type.length + 1));
    return this.dataSource.query(
      `SELECT 'user:' || u.id AS actor, u.display_name AS name FROM user_account u WHERE u.id = ANY($1::uuid[])
       UNION ALL
       SELECT 'api-key:' || k.id, g.name FROM api_key k JOIN agency g ON g.id = k.agency_id WHERE k.id = ANY($2::uuid[])`,
      [ids('user'), ids('api-key')],
    );
  }

  /** The timelines of several placements, oldest event first, for a per-request loader. */
  timelinesOf(placementIds: readonly string[]): Promise<PlacementEvent[]> {
    return this.dataSource
      .getRepository(PlacementEvent)
      .createQueryBuilder('e')
      .where('e.placement_id = ANY(:placementIds)', { placementIds })
      .orderBy('e.sequence', 'ASC')
      .getMany();
  }

  private async evaluate(
    manager: EntityManager,
    placement: Placement,
    recorded?: RequirementView[],
    departureDate = placement.plannedDepartureAt && indonesianDate(placement.plannedDepartureAt),
  ): Promise<Evaluation> {
    const rows = recorded ?? (await this.requirementRows(manager, placement.id));
    return evaluatePlacement(
      await gatherFacts(manager, this.workers, placement, departureDate, rows, placement.id),
    );
  }

  private async requirementRows(manager: EntityManager, placementId: string): Promise<RequirementView[]> {
    const rows = await manager.getRepository(Requirement).find({ where: { placementId } });
    return rows.map((row) => openRequirement(this.cipher, row));
  }

  /** Writes the engine's decisions; `recording` carries the officer's evidence for one kind. */
  private async saveRequirements(
    manager: EntityManager,
    placementId: string,
    evaluation: Evaluation,
    recorded: RequirementView[],
    recording?: { kind: RequirementKind; recordedById: string; recordedAt: Date },
  ): Promise<void> {
    const byKind = new Map(recorded.map((row) => [row.kind, row]));
    const rows = evaluation.requirements.map((decision) => {
      const existing = byKind.get(decision.kind);
      const isRecording = recording?.kind === decision.kind;
      return manager.create(Requirement, {
        id: existing?.id ?? randomUUID(),
        placementId,
        kind: decision.kind,
        status: decision.status,
        reason: decision.reason,
        evaluatedBy: decision.evaluatedBy,
        recordedStatus: existing?.recordedStatus ?? null,
        // Sealed again whether changed or not: the checklist moves to the active key as it is written.
        documentNumberCiphertext: sealDocumentNumber(this.cipher, existing?.documentNumber ?? null),
        issuer: existing?.issuer ?? null,
        issuedOn: existing?.issuedOn ?? null,
        expiresOn: existing?.expiresOn ?? null,
        note: existing?.note ?? null,
        recordedById: isRecording ? recording.recordedById : (existing?.recordedById ?? null),
        recordedAt: isRecording ? recording.recordedAt : (existing?.recordedAt ?? null),
      });
    });
    await manager.upsert(Requirement, rows, ['placementId', 'kind']);
  }

  private async transition(
    manager: EntityManager,
    principal: Principal,
    placement: Placement,
    transition: PlacementTransition,
    stage: PlacementStage,
    evaluation: Evaluation,
    changes: Partial<Placement>,
    topic: string,
  ): Promise<Placement> {
    const recorded = await this.requirementRows(manager, placement.id);
    await this.saveRequirements(manager, placement.id, evaluation, recorded);
    const update = {
      ...changes,
      stage,
      procedural: evaluation.procedural,
      proceduralReasons: evaluation.proceduralReasons,
      ruleSetVersion: evaluation.ruleSetVersion,
    };
    const after = await this.store.save(manager, placement, update);
    await this.store.recordEvent(manager, principal, after, transition, placement.stage, {
      procedural: evaluation.procedural,
      reasons: evaluation.proceduralReasons,
      ruleSetVersion: evaluation.ruleSetVersion,
    });
    await this.outbox.publish(manager, { topic, aggregateType: 'placement', aggregateId: placement.id });
    await this.audit.record(manager, {
      actor: auditActor(principal),
      action: `placement.${transition === 'clear' ? 'cleared' : 'departed'}`,
      entityType: 'placement',
      entityId: placement.id,
      before: { stage: placement.stage, procedural: placement.procedural },
      after: update,
    });
    return after;
  }

  /** Bad combinations of terms, all reported together. */
  private async checkTerms(manager: EntityManager, command: RegisterPlacementCommand): Promise<void> {
    const errors: FieldError[] = [];
    const [country] = await manager.query<unknown[]>('SELECT 1 FROM country WHERE code = $1', [
      command.destination,
    ]);
    if (!country) errors.push({ path: 'input.destination', message: 'is not an ISO 3166-1 country code' });
    if (command.contractStart && command.contractEnd && command.contractEnd < command.contractStart) {
      errors.push({ path: 'input.contractEnd', message: 'is before the contract start' });
    }
    // No recruiter is not refused: such a placement is registered all the same, and flagged by the engine.
    if (command.recruiterId) {
      // Locked: registrations through one recruiter count its permit quota one at a time.
      const [recruiter] = await manager.query<unknown[]>('SELECT 1 FROM recruiter WHERE id = $1 FOR UPDATE', [
        command.recruiterId,
      ]);
      if (!recruiter) errors.push({ path: 'input.recruiterId', message: 'is not a registered recruiter' });
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
  }

  private checkRequirementCommand(principal: Principal, command: RecordRequirementCommand): void {
    if (command.issuedOn && command.expiresOn && command.expiresOn < command.issuedOn) {
      throw InvalidInputError.of('input.expiresOn', 'is before the issue date');
    }
    if (command.status === RequirementStatus.WAIVED) {
      if (!principal.roles.includes(Role.ADMIN))
        throw new ForbiddenError('Only an ADMIN may waive a requirement');
      if (!command.note?.trim()) throw InvalidInputError.of('input.note', 'a waiver needs its reason');
      const waivable = !EVALUATED_BY_LINTAS.has(command.kind) || WAIVABLE_LINTAS_KINDS.has(command.kind);
      if (!waivable || UNWAIVABLE_EVIDENCE.has(command.kind)) {
        throw InvalidInputError.of(
          'input.kind',
          `${command.kind} is a condition of the law and cannot be waived`,
        );
      }
      return;
    }
    if (EVALUATED_BY_LINTAS.has(command.kind)) {
      throw InvalidInputError.of('input.kind', `${command.kind} is evaluated by Lintas, not recorded`);
    }
    // SATISFIED is a finding from a document: the document is named, so a later reader can check it.
    if (command.status === RequirementStatus.SATISFIED && !command.documentNumber?.trim()) {
      throw InvalidInputError.of('input.documentNumber', 'is required to record a requirement as SATISFIED');
    }
  }
}

function unmetOf(evaluation: Evaluation): Record<string, string | null>[] {
  return [
    ...evaluation.hardStops.map((reason) => ({ kind: 'HARD_STOP', reason })),
    ...evaluation.requirements
      .filter(
        (requirement) =>
          ![RequirementStatus.SATISFIED, RequirementStatus.WAIVED].includes(requirement.status),
      )
      .map((requirement) => ({
        kind: requirement.kind,
        status: requirement.status,
        reason: requirement.reason,
      })),
  ];
}
