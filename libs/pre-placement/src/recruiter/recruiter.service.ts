import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  ConflictError,
  decodeCursor,
  InvalidInputError,
  NotFoundError,
  toConnection,
  type ConnectionShape,
  type FieldError,
} from '#lintas/core';
import { isUniqueViolation, OutboxWriter } from '#lintas/database';
import type { DataSource, EntityManager } from 'typeorm';
import { RecruiterStatus } from '../placement/placement.enums.js';
import { Recruiter, RecruitmentPermit } from './recruiter.entity.js';
import { RecruiterQueries, type RecruiterListFilter, type RecruiterView } from './recruiter.queries.js';

export interface RecruitmentPermitDetails {
  permitNumber: string;
  /** ISO 3166-1 alpha-2. */
  destination: string;
  quota: number;
  validFrom: string;
  validUntil: string;
}

export interface RecruiterDetails {
  name: string;
  licenceNumber: string;
  validFrom: string;
  validUntil: string;
  spskSelected?: boolean;
  recruitmentPermits?: RecruitmentPermitDetails[];
}

/** The client's argument that carries the recruiter's or the permit's fields; error paths start with it. */
const INPUT = 'input';

/** Where a licence may go from each status. REVOKED is final: a revoked company applies anew. */
const NEXT_STATUSES: Record<RecruiterStatus, readonly RecruiterStatus[]> = {
  [RecruiterStatus.ACTIVE]: [RecruiterStatus.SUSPENDED, RecruiterStatus.REVOKED],
  [RecruiterStatus.SUSPENDED]: [RecruiterStatus.ACTIVE, RecruiterStatus.REVOKED],
  [RecruiterStatus.REVOKED]: [],
};

/** The outbox topic that reports a move into each status. */
const STATUS_TOPICS: Record<RecruiterStatus, string> = {
  [RecruiterStatus.ACTIVE]: 'recruiter.reinstated',
  [RecruiterStatus.SUSPENDED]: 'recruiter.suspended',
  [RecruiterStatus.REVOKED]: 'recruiter.revoked',
};

@Injectable()
export class RecruiterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxWriter,
  ) {}

  register(principal: Principal, details: RecruiterDetails): Promise<RecruiterView> {
    const permits = details.recruitmentPermits ?? [];
    return this.dataSource.transaction(async (manager) => {
      await this.checkRegistration(manager, details, permits);
      const recruiter = manager.create(Recruiter, {
        id: randomUUID(),
        name: details.name.trim(),
        licenceNumber: details.licenceNumber.trim(),
        status: RecruiterStatus.ACTIVE,
        statusReason: null,
        validFrom: details.validFrom,
        validUntil: details.validUntil,
        spskSelected: details.spskSelected ?? false,
        version: 1,
      });
      try {
        await manager.insert(Recruiter, recruiter);
      } catch (error) {
        throw asLicenceConflict(error);
      }
      if (permits.length > 0) {
        await manager.insert(
          RecruitmentPermit,
          permits.map((permit) => newPermit(manager, recruiter.id, permit)),
        );
      }
      await this.outbox.publish(manager, {
        topic: 'recruiter.registered',
        aggregateType: 'recruiter',
        aggregateId: recruiter.id,
      });
      const view = await requireRecruiter(manager, recruiter.id);
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'recruiter.registered',
        entityType: 'recruiter',
        entityId: recruiter.id,
        before: null,
        after: auditedFields(view),
      });
      return view;
    });
  }

  /**
   * Suspends, revokes or reinstates a licence. The version check is part of the UPDATE itself:
   * a change committed meanwhile leaves no row to update, and that answers CONFLICT.
   */
  async changeStatus(
    principal: Principal,
    id: string,
    expectedVersion: number,
    status: RecruiterStatus,
    reason: string,
  ): Promise<RecruiterView> {
    const statusReason = reason.trim() || null;
    if (status !== RecruiterStatus.ACTIVE && !statusReason) {
      throw InvalidInputError.of('reason', `must not be blank: say why the licence is ${status}`);
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await requireRecruiter(manager, id);
      if (before.version !== expectedVersion) throw staleVersion(id, before.version, expectedVersion);
      if (before.status === RecruiterStatus.REVOKED) {
        throw new ConflictError(`Recruiter ${id} has a revoked licence, which is final`, 'status');
      }
      if (!NEXT_STATUSES[before.status].includes(status)) {
        throw new ConflictError(`Recruiter ${id} is already ${status}`, 'status');
      }
      const result = await manager.update(
        Recruiter,
        { id, version: expectedVersion },
        { status, statusReason, version: () => 'version + 1' },
      );
      if (result.affected !== 1) throw staleVersion(id, undefined, expectedVersion);
      const after = await requireRecruiter(manager, id);
      await this.outbox.publish(manager, {
        topic: STATUS_TOPICS[status],
        aggregateType: 'recruiter',
        aggregateId: id,
      });
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'recruiter.status_changed',
        entityType: 'recruiter',
        entityId: id,
        before: statusFields(before),
        after: statusFields(after),
      });
      return after;
    });
  }

  /** A new permit is part of the recruiter: its version moves on, so a reader's copy is known stale. */
  addPermit(
    principal: Principal,
    recruiterId: string,
    permit: RecruitmentPermitDetails,
  ): Promise<RecruiterView> {
    return this.dataSource.transaction(async (manager) => {
      const errors = permitDateErrors(permit, INPUT);
      if (await isUnknownCountry(manager, permit.destination)) {
        errors.push({ path: `${INPUT}.destination`, message: 'is not an ISO 3166-1 country code we know' });
      }
      if (errors.length > 0) throw new InvalidInputError(errors);
      // Locked first, so a revocation cannot commit between the check below and the insert.
      await manager.query('SELECT 1 FROM recruiter WHERE id = $1 FOR UPDATE', [recruiterId]);
      const before = await requireRecruiter(manager, recruiterId);
      if (before.status === RecruiterStatus.REVOKED) {
        throw new ConflictError(
          `Recruiter ${recruiterId} has a revoked licence: it gets no new permits`,
          'recruiterId',
        );
      }
      const row = newPermit(manager, recruiterId, permit);
      try {
        await manager.insert(RecruitmentPermit, row);
      } catch (error) {
        throw isUniqueViolation(error, 'recruitment_permit_recruiter_id_permit_number_key')
          ? new ConflictError('This recruiter already has a permit with this number', `${INPUT}.permitNumber`)
          : error;
      }
      await manager.update(Recruiter, { id: recruiterId }, { version: () => 'version + 1' });
      const after = await requireRecruiter(manager, recruiterId);
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'recruiter.permit_added',
        entityType: 'recruiter',
        entityId: recruiterId,
        before: null,
        after: {
          permit: {
            id: row.id,
            permitNumber: row.permitNumber,
            destination: row.destination,
            quota: row.quota,
            validFrom: row.validFrom,
            validUntil: row.validUntil,
          },
          version: after.version,
        },
      });
      return after;
    });
  }

  /** Recruiters are licensed nationally: every reader sees every one, whatever their jurisdiction. */
  get(id: string): Promise<RecruiterView> {
    return requireRecruiter(this.dataSource.manager, id);
  }

  /** Several recruiters by id, for batching (a DataLoader); unknown ids are simply absent. */
  getMany(ids: readonly string[]): Promise<RecruiterView[]> {
    return new RecruiterQueries(this.dataSource.manager).byIds(ids);
  }

  async list(
    filter: RecruiterListFilter,
    first: number,
    after: string | undefined,
  ): Promise<ConnectionShape<RecruiterView>> {
    const cursor = decodeCursor(after);
    // One snapshot, so the count and the page agree even while recruiters are being registered.
    const { rows, totalCount } = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      new RecruiterQueries(manager).page(filter, first, cursor),
    );
    return toConnection(rows, first, totalCount, (row) => row);
  }

  /** Everything a registration form can get wrong, reported together, before anything is written. */
  private async checkRegistration(
    manager: EntityManager,
    details: RecruiterDetails,
    permits: RecruitmentPermitDetails[],
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (details.validUntil < details.validFrom) {
      errors.push({ path: `${INPUT}.validUntil`, message: 'must not be before validFrom' });
    }
    const seen = new Set<string>();
    const unknown = new Set(
      await unknownCountries(
        manager,
        permits.map((permit) => permit.destination),
      ),
    );
    permits.forEach((permit, index) => {
      const path = `${INPUT}.recruitmentPermits.${index}`;
      const permitNumber = permit.permitNumber.trim();
      if (seen.has(permitNumber)) {
        errors.push({ path: `${path}.permitNumber`, message: 'appears more than once in this registration' });
      }
      seen.add(permitNumber);
      if (unknown.has(permit.destination)) {
        errors.push({ path: `${path}.destination`, message: 'is not an ISO 3166-1 country code we know' });
      }
      errors.push(...permitDateErrors(permit, path));
    });
    if (errors.length > 0) throw new InvalidInputError(errors);
  }
}

async function requireRecruiter(manager: EntityManager, id: string): Promise<RecruiterView> {
  const view = await new RecruiterQueries(manager).byId(id);
  if (!view) throw new NotFoundError('Recruiter', id);
  return view;
}

function newPermit(
  manager: EntityManager,
  recruiterId: string,
  permit: RecruitmentPermitDetails,
): RecruitmentPermit {
  return manager.create(RecruitmentPermit, {
    id: randomUUID(),
    recruiterId,
    permitNumber: permit.permitNumber.trim(),
    destination: permit.destination,
    quota: permit.quota,
    validFrom: permit.validFrom,
    validUntil: permit.validUntil,
  });
}

function permitDateErrors(permit: RecruitmentPermitDetails, path: string): FieldError[] {
  return permit.validUntil < permit.validFrom
    ? [{ path: `${path}.validUntil`, message: 'must not be before validFrom' }]
    : [];
}

/** The codes among `codes` that are not in the country table (data/countries). */
async function unknownCountries(manager: EntityManager, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows: { code: string }[] = await manager.query('SELECT code FROM country WHERE code = ANY($1)', [
    codes,
  ]);
  const known = new Set(rows.map((row) => row.code));
  return codes.filter((code) => !known.has(code));
}

async function isUnknownCountry(manager: EntityManager, code: string): Promise<boolean> {
  return (await unknownCountries(manager, [code])).length > 0;
}

function staleVersion(id: string, current: number | undefined, expected: number): ConflictError {
  const state =
    current === undefined
      ? `changed after version ${expected} was read`
      : `is at version ${current}, not ${expected}`;
  return new ConflictError(`Recruiter ${id} ${state}: reload it and try again`, 'version');
}

function asLicenceConflict(error: unknown): unknown {
  return isUniqueViolation(error, 'recruiter_licence_number_key')
    ? new ConflictError(
        'A recruiter with this licence number is already registered',
        `${INPUT}.licenceNumber`,
      )
    : error;
}

/** The audit trail records facts; timestamps are the row's bookkeeping. */
function auditedFields(view: RecruiterView): Record<string, unknown> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, recruitmentPermits, ...fields } = view;
  return { ...fields, recruitmentPermits: recruitmentPermits.map(permitFields) };
}

function permitFields(permit: RecruiterView['recruitmentPermits'][number]): Record<string, unknown> {
  const { createdAt: _createdAt, ...fields } = permit;
  return fields;
}

function statusFields(view: RecruiterView): Record<string, unknown> {
  return { status: view.status, statusReason: view.statusReason, version: view.version };
}
