import type { ScopeCondition } from '#lintas/access';
import type { KeysetCursor, PiiCipher } from '#lintas/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { NextOfKin } from './worker.entity.js';
import { Worker } from './worker.entity.js';
import type { Sex } from './nik.js';
import { nikIndexOf, openWorkerPiiLazily } from './worker-pii.js';

/** A worker as the API shows it: the row plus the names of its origin regions. */
export interface WorkerView {
  id: string;
  /** Null, like the origin, only for an incomplete worker reported abroad. */
  nik: string | null;
  fullName: string;
  sex: Sex;
  dateOfBirth: string;
  originProvince: { code: string; name: string } | null;
  originRegency: { code: string; name: string } | null;
  incomplete: boolean;
  phone: string | null;
  passportNumber: string | null;
  nextOfKin: NextOfKin | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

interface WorkerRow {
  id: string;
  nikCiphertext: string | null;
  fullName: string;
  sex: Sex;
  dateOfBirth: string;
  originProvinceCode: string | null;
  originProvinceName: string | null;
  originRegencyCode: string | null;
  originRegencyName: string | null;
  incomplete: boolean;
  phoneCiphertext: string | null;
  passportNumberCiphertext: string | null;
  nextOfKinCiphertext: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface WorkerListFilter {
  originRegencyCode?: string;
  originProvinceCode?: string;
  name?: string;
}

/**
 * The SQL that reads workers, in one place; each statement carries the caller's scope. Personal
 * details are decrypted for the rows the caller may see, when read, and found by their blind index.
 */
export class WorkerQueries {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: ScopeCondition,
    private readonly cipher: PiiCipher,
  ) {}

  async byId(id: string): Promise<WorkerView | undefined> {
    const row = await this.scoped().andWhere('w.id = :id', { id }).getRawOne<WorkerRow>();
    return row && this.toView(row);
  }

  async byIds(ids: readonly string[]): Promise<WorkerView[]> {
    const rows = await this.scoped().andWhere('w.id = ANY(:ids)', { ids }).getRawMany<WorkerRow>();
    return rows.map((row) => this.toView(row));
  }

  async byNik(nik: string): Promise<WorkerView | undefined> {
    const row = await this.scoped()
      .andWhere('w.nik_index = :index', { index: nikIndexOf(this.cipher, nik) })
      .getRawOne<WorkerRow>();
    return row && this.toView(row);
  }

  /**
   * The worker a report from abroad without a NIK names: same name (case-insensitive; names are
   * stored trimmed) and date of birth, with a placement to the same country. One with an open
   * placement there comes first.
   */
  async byNameBirthAndDestination(
    fullName: string,
    dateOfBirth: string,
    destination: string,
    withoutNikOnly = false,
  ): Promise<WorkerView | undefined> {
    const query = this.scoped();
    if (withoutNikOnly) query.andWhere('w.nik_index IS NULL');
    const row = await query
      .andWhere('lower(w.full_name) = lower(:fullName) AND w.date_of_birth = :dateOfBirth', {
        fullName: fullName.trim(),
        dateOfBirth,
      })
      .andWhere(
        'EXISTS (SELECT 1 FROM placement pl WHERE pl.worker_id = w.id AND pl.destination = :destination)',
        {
          destination,
        },
      )
      .orderBy(
        `EXISTS (SELECT 1 FROM placement pl WHERE pl.worker_id = w.id AND pl.destination = :destination
          AND pl.stage NOT IN ('CLOSED', 'CANCELLED'))`,
        'DESC',
      )
      .addOrderBy('w.created_at', 'ASC')
      .getRawOne<WorkerRow>();
    return row && this.toView(row);
  }

  /** Newest first, by keyset; `first + 1` rows so the caller can tell whether a next page exists. */
  async page(
    filter: WorkerListFilter,
    first: number,
    after: KeysetCursor | undefined,
  ): Promise<{ rows: WorkerView[]; totalCount: number }> {
    const query = this.scoped();
    if (filter.originRegencyCode) {
      query.andWhere('w.origin_regency_code = :regency', { regency: filter.originRegencyCode });
    }
    if (filter.originProvinceCode) {
      query.andWhere('w.origin_province_code = :province', { province: filter.originProvinceCode });
    }
    if (filter.name) {
      query.andWhere(`w.full_name ILIKE :name ESCAPE '\\'`, { name: `%${escapeLike(filter.name)}%` });
    }
    const totalCount = await query.clone().getCount();
    if (after) {
      query.andWhere('(w.created_at, w.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: after.createdAt,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy('w.created_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(first + 1)
      .getRawMany<WorkerRow>();
    return { rows: rows.map((row) => this.toView(row)), totalCount };
  }

  private scoped(): SelectQueryBuilder<Worker> {
    return (
      this.manager
        .createQueryBuilder(Worker, 'w')
        // Left joins: a worker reported abroad may have no known origin.
        .leftJoin('province', 'p', 'p.code = w.origin_province_code')
        .leftJoin('regency', 'r', 'r.code = w.origin_regency_code')
        .select([
          'w.id AS "id"',
          'w.nik_ciphertext AS "nikCiphertext"',
          'w.full_name AS "fullName"',
          'w.sex AS "sex"',
          `to_char(w.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"`,
          'w.origin_province_code AS "originProvinceCode"',
          'p.name AS "originProvinceName"',
          'w.origin_regency_code AS "originRegencyCode"',
          'r.name AS "originRegencyName"',
          'w.incomplete AS "incomplete"',
          'w.phone_ciphertext AS "phoneCiphertext"',
          'w.passport_number_ciphertext AS "passportNumberCiphertext"',
          'w.next_of_kin_ciphertext AS "nextOfKinCiphertext"',
          'w.created_at AS "createdAt"',
          'w.updated_at AS "updatedAt"',
          'w.version AS "version"',
        ])
        .where(this.scope.sql, this.scope.params)
    );
  }

  /** Personal details are decrypted when a reader (a resolved field, an audit) first reads them. */
  private toView(row: WorkerRow): WorkerView {
    const pii = openWorkerPiiLazily(this.cipher, row);
    return {
      id: row.id,
      get nik() {
        return pii.nik;
      },
      fullName: row.fullName,
      sex: row.sex,
      dateOfBirth: row.dateOfBirth,
      originProvince: region(row.originProvinceCode, row.originProvinceName),
      originRegency: region(row.originRegencyCode, row.originRegencyName),
      incomplete: row.incomplete,
      get phone() {
        return pii.phone;
      },
      get passportNumber() {
        return pii.passportNumber;
      },
      get nextOfKin() {
        return pii.nextOfKin;
      },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function region(code: string | null, name: string | null): { code: string; name: string } | null {
  return code === null || name === null ? null : { code, name };
}
