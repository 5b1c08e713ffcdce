import type { KeysetCursor } from '#lintas/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { RecruiterStatus } from '../placement/placement.enums.js';
import { Recruiter, RecruitmentPermit } from './recruiter.entity.js';

export interface RecruitmentPermitView {
  id: string;
  permitNumber: string;
  destination: string;
  quota: number;
  validFrom: string;
  validUntil: string;
  createdAt: Date;
}

/** A recruiter as the API shows it: the row plus its recruitment permits. */
export interface RecruiterView {
  id: string;
  name: string;
  licenceNumber: string;
  status: RecruiterStatus;
  statusReason: string | null;
  validFrom: string;
  validUntil: string;
  spskSelected: boolean;
  recruitmentPermits: RecruitmentPermitView[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

type RecruiterRow = Omit<RecruiterView, 'recruitmentPermits'>;

interface PermitRow extends RecruitmentPermitView {
  recruiterId: string;
}

export interface RecruiterListFilter {
  status?: RecruiterStatus;
  name?: string;
  licenceNumber?: string;
}

/**
 * The SQL that reads recruiters, in one place. Recruiters are licensed nationally, so no statement
 * carries a jurisdiction. Permits are read after the recruiters, by key, in one statement.
 */
export class RecruiterQueries {
  constructor(private readonly manager: EntityManager) {}

  async byId(id: string): Promise<RecruiterView | undefined> {
    const row = await this.recruiters().where('r.id = :id', { id }).getRawOne<RecruiterRow>();
    if (!row) return undefined;
    const [view] = await this.withPermits([row]);
    return view;
  }

  /** The recruiters among `ids` that exist, in no particular order. */
  async byIds(ids: readonly string[]): Promise<RecruiterView[]> {
    if (ids.length === 0) return [];
    const rows = await this.recruiters().where('r.id = ANY(:ids)', { ids }).getRawMany<RecruiterRow>();
    return this.withPermits(rows);
  }

  /** Newest first, by keyset; `first + 1` rows so the caller can tell whether a next page exists. */
  async page(
    filter: RecruiterListFilter,
    first: number,
    after: KeysetCursor | undefined,
  ): Promise<{ rows: RecruiterView[]; totalCount: number }> {
    const query = this.recruiters();
    if (filter.status) {
      query.andWhere('r.status = :status', { status: filter.status });
    }
    if (filter.name) {
      query.andWhere(`r.name ILIKE :name ESCAPE '\\'`, { name: `%${escapeLike(filter.name)}%` });
    }
    if (filter.licenceNumber) {
      query.andWhere('r.licence_number = :licenceNumber', { licenceNumber: filter.licenceNumber.trim() });
    }
    const totalCount = await query.clone().getCount();
    if (after) {
      query.andWhere('(r.created_at, r.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: after.createdAt,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(first + 1)
      .getRawMany<RecruiterRow>();
    return { rows: await this.withPermits(rows), totalCount };
  }

  private async withPermits(rows: RecruiterRow[]): Promise<RecruiterView[]> {
    if (rows.length === 0) return [];
    const permits = await this.manager
      .createQueryBuilder(RecruitmentPermit, 'p')
      .select([
        'p.id AS "id"',
        'p.recruiter_id AS "recruiterId"',
        'p.permit_number AS "permitNumber"',
        'p.destination AS "destination"',
        'p.quota AS "quota"',
        `to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom"`,
        `to_char(p.valid_until, 'YYYY-MM-DD') AS "validUntil"`,
        'p.created_at AS "createdAt"',
      ])
      .where('p.recruiter_id = ANY(:ids)', { ids: rows.map((row) => row.id) })
      .orderBy('p.valid_from', 'ASC')
      .addOrderBy('p.permit_number', 'ASC')
      .getRawMany<PermitRow>();
    const byRecruiter = new Map<string, RecruitmentPermitView[]>();
    for (const { recruiterId, ...permit } of permits) {
      byRecruiter.set(recruiterId, [...(byRecruiter.get(recruiterId) ?? []), permit]);
    }
    return rows.map((row) => ({ ...row, recruitmentPermits: byRecruiter.get(row.id) ?? [] }));
  }

  private recruiters(): SelectQueryBuilder<Recruiter> {
    return this.manager
      .createQueryBuilder(Recruiter, 'r')
      .select([
        'r.id AS "id"',
        'r.name AS "name"',
        'r.licence_number AS "licenceNumber"',
        'r.status AS "status"',
        'r.status_reason AS "statusReason"',
        `to_char(r.valid_from, 'YYYY-MM-DD') AS "validFrom"`,
        `to_char(r.valid_until, 'YYYY-MM-DD') AS "validUntil"`,
        'r.spsk_selected AS "spskSelected"',
        'r.created_at AS "createdAt"',
        'r.updated_at AS "updatedAt"',
        'r.version AS "version"',
      ]);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
