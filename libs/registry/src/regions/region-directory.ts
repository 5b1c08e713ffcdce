import type { EntityManager } from 'typeorm';

export interface RegencyRef {
  code: string;
  provinceCode: string;
}

/** The regency a current Kemendagri code names, read inside the caller's transaction. */
export async function findRegency(manager: EntityManager, code: string): Promise<RegencyRef | undefined> {
  const rows: RegencyRef[] = await manager.query(
    'SELECT code, province_code AS "provinceCode" FROM regency WHERE code = $1',
    [code],
  );
  return rows[0];
}

/** The regency a NIK's region digits name today: a current code, or a legacy Papua code. */
export async function findRegencyOfNik(
  manager: EntityManager,
  code: string,
): Promise<RegencyRef | undefined> {
  const rows: RegencyRef[] = await manager.query(
    `SELECT code, province_code AS "provinceCode" FROM regency WHERE code = $1
     UNION ALL
     SELECT r.code, r.province_code FROM legacy_regency_code l
       JOIN regency r ON r.code = l.regency_code WHERE l.legacy_code = $1
     LIMIT 1`,
    [code],
  );
  return rows[0];
}
