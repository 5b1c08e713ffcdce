import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, isWithinJurisdiction, workerScope, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  Clock,
  ConflictError,
  decodeCursor,
  InvalidInputError,
  NotFoundError,
  PiiCipher,
  toConnection,
  type ConnectionShape,
  type FieldError,
} from '#lintas/core';
import { isUniqueViolation, OutboxWriter } from '#lintas/database';
import type { DataSource, EntityManager } from 'typeorm';
import { findRegency, findRegencyOfNik, type RegencyRef } from '../regions/region-directory.js';
import { nikDisagreements, parseNik, type Sex } from './nik.js';
import { sealWorkerPii, type SealedWorkerPii } from './worker-pii.js';
import { Worker, type NextOfKin } from './worker.entity.js';
import { WorkerQueries, type WorkerListFilter, type WorkerView } from './worker.queries.js';

export interface WorkerDetails {
  nik: string;
  fullName: string;
  sex: Sex;
  dateOfBirth: string;
  originRegencyCode: string;
  phone?: string | null;
  passportNumber?: string | null;
  nextOfKin?: NextOfKin | null;
}

/** What an embassy knows of a worker it met abroad; the NIK, sex and date of birth may be unknown. */
export interface ReportedWorker {
  nik: string | null;
  fullName: string;
  sex: Sex | null;
  dateOfBirth: string | null;
}

/** The client's argument that carries the worker's fields; error paths start with it. */
const INPUT = 'input';

@Injectable()
export class WorkerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
  ) {}

  register(principal: Principal, details: WorkerDetails): Promise<WorkerView> {
    return this.dataSource.transaction(async (manager) => {
      const originProvinceCode = await this.checkDetails(manager, principal, details);
      const worker = manager.create(Worker, {
        id: randomUUID(),
        fullName: details.fullName.trim(),
        sex: details.sex,
        dateOfBirth: details.dateOfBirth,
        originProvinceCode,
        originRegencyCode: details.originRegencyCode,
        ...this.sealed(details),
        version: 1,
      });
      await this.insertOrConflict(manager, worker);
      await this.outbox.publish(manager, {
        topic: 'worker.registered',
        aggregateType: 'worker',
        aggregateId: worker.id,
      });
      const view = await this.requireVisible(manager, principal, worker.id);
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'worker.registered',
        entityType: 'worker',
        entityId: worker.id,
        before: null,
        after: auditedFields(view),
      });
      return view;
    });
  }

  /** With `expectedVersion`, a change made meanwhile by someone else answers CONFLICT instead of being overwritten. */
  update(
    principal: Principal,
    id: string,
    changes: Partial<WorkerDetails>,
    expectedVersion?: number,
  ): Promise<WorkerView> {
    return this.dataSource.transaction(async (manager) => {
      // Locked first, so `before` is what this change replaces, not what a concurrent one did.
      await manager.query('SELECT 1 FROM worker WHERE id = $1 FOR UPDATE', [id]);
      const before = await this.requireVisible(manager, principal, id);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new ConflictError(
          `Worker ${id} is at version ${before.version}, not ${expectedVersion}: reload it and try again`,
          'version',
        );
      }
      // An incomplete worker (reported abroad) is completed here: a NIK and an origin are required.
      const details: WorkerDetails = {
        nik: changes.nik ?? before.nik ?? '',
        fullName: changes.fullName ?? before.fullName,
        sex: changes.sex ?? before.sex,
        dateOfBirth: changes.dateOfBirth ?? before.dateOfBirth,
        originRegencyCode: changes.originRegencyCode ?? before.originRegency?.code ?? '',
        phone: changes.phone === undefined ? before.phone : changes.phone,
        passportNumber: changes.passportNumber === undefined ? before.passportNumber : changes.passportNumber,
        nextOfKin: changes.nextOfKin === undefined ? before.nextOfKin : changes.nextOfKin,
      };
      const originProvinceCode = await this.checkDetails(manager, principal, details);
      try {
        await manager.update(
          Worker,
          { id },
          {
            fullName: details.fullName.trim(),
            sex: details.sex,
            dateOfBirth: details.dateOfBirth,
            originRegencyCode: details.originRegencyCode,
            // Sealed again whether changed or not: a corrected worker moves to the active key.
            ...this.sealed(details),
            originProvinceCode,
            incomplete: false,
            version: () => 'version + 1',
          },
        );
      } catch (error) {
        throw asNikConflict(error);
      }
      // A worker reported abroad without a known origin now has one: so do their placements, which
      // the office of origin can then see and answer for.
      await manager.query(
        `UPDATE placement SET origin_province_code = $2, origin_regency_code = $3
          WHERE worker_id = $1 AND origin_regency_code IS NULL`,
        [id, originProvinceCode, details.originRegencyCode],
      );
      const after = await this.requireVisible(manager, principal, id);
      await this.outbox.publish(manager, {
        topic: 'worker.updated',
        aggregateType: 'worker',
        aggregateId: id,
      });
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'worker.updated',
        entityType: 'worker',
        entityId: id,
        before: auditedFields(before),
        after: { ...auditedFields(after), piiChanged: piiChanged(before, after) },
      });
      return after;
    });
  }

  async get(principal: Principal, id: string): Promise<WorkerView> {
    return this.requireVisible(this.dataSource.manager, principal, id);
  }

  async findByNik(principal: Principal, nik: string): Promise<WorkerView | null> {
    if (!/^\d{16}$/.test(nik)) throw InvalidInputError.of('nik', 'must be exactly 16 digits');
    return (await this.queries(this.dataSource.manager, principal).byNik(nik)) ?? null;
  }

  async list(
    principal: Principal,
    filter: WorkerListFilter,
    first: number,
    after: string | undefined,
  ): Promise<ConnectionShape<WorkerView>> {
    const cursor = decodeCursor(after);
    // One snapshot, so the count and the page agree even while workers are being registered.
    const { rows, totalCount } = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      this.queries(manager, principal).page(filter, first, cursor),
    );
    return toConnection(rows, first, totalCount, (row) => row);
  }

  private queries(manager: EntityManager, principal: Principal): WorkerQueries {
    return new WorkerQueries(manager, workerScope(principal.jurisdiction), this.cipher);
  }

  private sealed(
    details: Pick<WorkerDetails, 'nik' | 'phone' | 'passportNumber' | 'nextOfKin'>,
  ): SealedWorkerPii {
    return sealWorkerPii(this.cipher, {
      nik: details.nik,
      phone: details.phone ?? null,
      passportNumber: details.passportNumber ?? null,
      nextOfKin: details.nextOfKin ?? null,
    });
  }

  /** The worker if the principal may see it, read inside the caller's transaction. */
  findVisible(manager: EntityManager, principal: Principal, id: string): Promise<WorkerView | undefined> {
    return this.queries(manager, principal).byId(id);
  }

  /**
   * A worker read without any jurisdiction: only for a caller that has already authorised the
   * access through another record (the placement being changed), inside its transaction.
   */
  findAuthorised(manager: EntityManager, id: string): Promise<WorkerView | undefined> {
    return new WorkerQueries(manager, { sql: 'TRUE', params: {} }, this.cipher).byId(id);
  }

  /**
   * The worker a report from abroad names: by NIK when given, otherwise by name, date of birth
   * and a placement to the same country. Read without jurisdiction, inside the caller's
   * transaction: the reporter is authorised by the destination, and learns only the placement.
   */
  async findReported(
    manager: EntityManager,
    report: ReportedWorker,
    destination: string,
  ): Promise<WorkerView | undefined> {
    const queries = new WorkerQueries(manager, { sql: 'TRUE', params: {} }, this.cipher);
    if (report.nik !== null) {
      const byNik = await queries.byNik(report.nik);
      if (byNik) {
        // A NIK alone must not open someone's record to a reporter: the person must agree with it.
        const sameName = normalisedName(byNik.fullName) === normalisedName(report.fullName);
        const sameBirth = report.dateOfBirth === null || report.dateOfBirth === byNik.dateOfBirth;
        if (!sameName || !sameBirth) {
          throw InvalidInputError.of(
            `${INPUT}.nik`,
            'does not belong to the person reported: check the NIK, name and date of birth',
          );
        }
        return byNik;
      }
    }
    if (report.dateOfBirth === null) return undefined;
    // Someone first reported without a NIK and now with one is still the same person.
    return queries.byNameBirthAndDestination(
      report.fullName,
      report.dateOfBirth,
      destination,
      report.nik !== null,
    );
  }

  /**
   * Records a worker Lintas has never seen, met abroad, inside the caller's transaction (which
   * audits the report). With a NIK, the NIK must be valid and name a regency, which becomes the
   * origin; the sex and date of birth, when given, must agree with it. Without a NIK the worker
   * is incomplete: no NIK, no known origin.
   */
  async registerReported(manager: EntityManager, report: ReportedWorker): Promise<WorkerView> {
    const errors: FieldError[] = [];
    let sex = report.sex;
    let origin: RegencyRef | undefined;
    if (report.nik !== null) {
      const nik = parseNik(report.nik);
      if (!nik) {
        errors.push({
          path: `${INPUT}.nik`,
          message: 'is not a valid NIK (16 digits: region, date of birth, serial)',
        });
      } else {
        origin = await findRegencyOfNik(manager, nik.regencyCode);
        if (!origin) {
          errors.push({
            path: `${INPUT}.nik`,
            message: `encodes region ${nik.regencyCode}, which is not a Kemendagri regency`,
          });
        }
        sex ??= nik.sex;
        const paths = { nik: `${INPUT}.nik`, dateOfBirth: `${INPUT}.dateOfBirth`, sex: `${INPUT}.sex` };
        errors.push(
          ...nikDisagreements(nik, { dateOfBirth: report.dateOfBirth ?? '', sex }, paths).filter(
            (error) => report.dateOfBirth !== null || error.path !== paths.dateOfBirth,
          ),
        );
      }
    } else if (sex === null) {
      errors.push({ path: `${INPUT}.sex`, message: 'is required for a worker Lintas does not know' });
    }
    if (report.dateOfBirth === null) {
      // A NIK encodes the year within its century only: the date itself must be told.
      errors.push({ path: `${INPUT}.dateOfBirth`, message: 'is required for a worker Lintas does not know' });
    } else if (report.dateOfBirth > this.clock.now().toISOString().slice(0, 10)) {
      errors.push({ path: `${INPUT}.dateOfBirth`, message: 'is in the future' });
    }
    if (errors.length > 0 || sex === null || report.dateOfBirth === null) throw new InvalidInputError(errors);
    const worker = manager.create(Worker, {
      id: randomUUID(),
      fullName: report.fullName.trim(),
      sex,
      dateOfBirth: report.dateOfBirth,
      originProvinceCode: origin?.provinceCode ?? null,
      originRegencyCode: origin?.code ?? null,
      incomplete: report.nik === null,
      ...sealWorkerPii(this.cipher, { nik: report.nik, phone: null, passportNumber: null, nextOfKin: null }),
      version: 1,
    });
    await this.insertOrConflict(manager, worker);
    await this.outbox.publish(manager, {
      topic: 'worker.registered',
      aggregateType: 'worker',
      aggregateId: worker.id,
    });
    const view = await this.findAuthorised(manager, worker.id);
    if (!view) throw new NotFoundError('Worker', worker.id);
    return view;
  }

  /** Several workers by id, for batching; those out of scope are simply absent. */
  findVisibleByIds(principal: Principal, ids: readonly string[]): Promise<WorkerView[]> {
    return this.queries(this.dataSource.manager, principal).byIds(ids);
  }

  private async requireVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<WorkerView> {
    const view = await this.queries(manager, principal).byId(id);
    if (!view) throw new NotFoundError('Worker', id);
    return view;
  }

  /**
   * Everything a form can get wrong, reported together: a NIK whose region or birth date does
   * not hold, an unknown regency, an origin outside the caller's jurisdiction. Returns the
   * province that follows from the origin regency.
   */
  private async checkDetails(
    manager: EntityManager,
    principal: Principal,
    details: WorkerDetails,
  ): Promise<string> {
    const errors: FieldError[] = [];
    const nik = parseNik(details.nik);
    if (!nik) {
      errors.push({
        path: `${INPUT}.nik`,
        message: 'is not a valid NIK (16 digits: region, date of birth, serial)',
      });
    } else {
      if (!(await findRegencyOfNik(manager, nik.regencyCode))) {
        errors.push({
          path: `${INPUT}.nik`,
          message: `encodes region ${nik.regencyCode}, which is not a Kemendagri regency`,
        });
      }
      errors.push(
        ...nikDisagreements(nik, details, {
          nik: `${INPUT}.nik`,
          dateOfBirth: `${INPUT}.dateOfBirth`,
          sex: `${INPUT}.sex`,
        }),
      );
    }
    const origin = await findRegency(manager, details.originRegencyCode);
    if (!origin) {
      errors.push({ path: `${INPUT}.originRegencyCode`, message: 'is not a Kemendagri regency code' });
    } else if (
      !isWithinJurisdiction(principal.jurisdiction, {
        provinceCode: origin.provinceCode,
        regencyCode: origin.code,
      })
    ) {
      errors.push({ path: `${INPUT}.originRegencyCode`, message: 'is outside your jurisdiction' });
    }
    if (details.dateOfBirth > this.clock.now().toISOString().slice(0, 10)) {
      errors.push({ path: `${INPUT}.dateOfBirth`, message: 'is in the future' });
    }
    if (errors.length > 0 || !origin) throw new InvalidInputError(errors);
    return origin.provinceCode;
  }

  private async insertOrConflict(manager: EntityManager, worker: Worker): Promise<void> {
    try {
      await manager.insert(Worker, worker);
    } catch (error) {
      throw asNikConflict(error);
    }
  }
}

function asNikConflict(error: unknown): unknown {
  return isUniqueViolation(error, 'worker_nik_index_key')
    ? new ConflictError('A worker with this NIK is already registered', `${INPUT}.nik`)
    : error;
}

/**
 * What the audit trail keeps of a worker. Its rows are hash-chained and never change, so they could
 * never be re-encrypted: of the NIK, phone, passport and next of kin they hold only whether one is
 * recorded. Not even the NIK's last digits: beside the birth date and regency in the same row, they
 * narrow the NIK down to about a hundred candidates. The view's region names are reference data,
 * not facts.
 */
function auditedFields(view: WorkerView): Record<string, unknown> {
  const {
    originProvince,
    originRegency,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    nik,
    phone,
    passportNumber,
    nextOfKin,
    ...fields
  } = view;
  return {
    ...fields,
    nikRecorded: nik !== null,
    originProvinceCode: originProvince?.code ?? null,
    originRegencyCode: originRegency?.code ?? null,
    phoneRecorded: phone !== null,
    passportNumberRecorded: passportNumber !== null,
    nextOfKinRecorded: nextOfKin !== null,
  };
}

/** Which personal details a change replaced: that they changed is audited, never their values. */
function piiChanged(before: WorkerView, after: WorkerView): string[] {
  const fields = ['nik', 'phone', 'passportNumber', 'nextOfKin'] as const;
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function normalisedName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
