import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PiiCipher } from '#lintas/core';
import { openWorkerPhone, type SexEnum } from '#lintas/registry';

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  /**
   * The person each referral is for, as the receiving agency needs them to help: never the NIK or
   * the passport. Every referral may show them: it exists only with the worker's consent or a case
   * handler's override (referral_consent_check).
   */
  async referredWorkers(referralIds: readonly string[]): Promise<ReferredWorker[]> {
    const rows = await this.dataSource.query<
      (Omit<ReferredWorker, 'phone'> & { phoneCiphertext: string | null })[]
    >(
      `SELECT r.id AS "referralId", w.full_name AS "fullName", w.sex,
              to_char(w.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
              w.origin_regency_code AS "originRegencyCode", w.phone_ciphertext AS "phoneCiphertext"
         FROM referral r
         JOIN placement p ON p.id = r.placement_id
         JOIN worker w ON w.id = p.worker_id
        WHERE r.id = ANY($1::uuid[])`,
      [referralIds],
    );
    return rows.map(({ phoneCiphertext, ...worker }) => ({
      ...worker,
      phone: openWorkerPhone(this.cipher, phoneCiphertext),
    }));
  }
}
