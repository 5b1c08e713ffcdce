import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SexEnum } from '#lintas/registry';

export interface ReferredWorker {
  referralId: string;
  fullName: string;
  sex: SexEnum;
  dateOfBirth: string;
  originRegencyCode: string | null;
  phone: string | null;
}

/**
 * What repatriations and referrals link to, read by key for a whole page at once (the per-request
 * loaders call these). The records themselves were scoped already; these read their relations.
 */
@Injectable()
export class PostPlacementRelations {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The person each referral is for, as the receiving agency needs them to help: never the NIK or
   * the passport. Every referral may show them: it exists only with the worker's consent or a case
   * handler's override (referral_consent_check).
   */
  referredWorkers(referralIds: readonly string[]): Promise<ReferredWorker[]> {
    return this.dataSource.query<ReferredWorker[]>(
      `SELECT r.id AS "referralId", w.full_name AS "fullName", w.sex,
              to_char(w.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
              w.origin_regency_code AS "originRegencyCode", w.phone
         FROM referral r
         JOIN placement p ON p.id = r.placement_id
         JOIN worker w ON w.id = p.worker_id
        WHERE r.id = ANY($1::uuid[])`,
      [referralIds],
    );
  }
}
