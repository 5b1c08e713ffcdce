import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface RegionDirectory {
  provinces: { code: string; name: string }[];
  regencies: { code: string; name: string; provinceCode: string }[];
  legacyRegencyCodes: { legacyCode: string; regencyCode: string; name: string }[];
}

/**
 * The reference regions, whole: about 580 short rows. Only a migration changes them, in its own
 * transaction, so three plain reads need no snapshot of their own.
 */
@Injectable()
export class RegionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async directory(): Promise<RegionDirectory> {
    return {
      provinces: await this.dataSource.query('SELECT code, name FROM province ORDER BY code'),
      regencies: await this.dataSource.query(
        'SELECT code, name, province_code AS "provinceCode" FROM regency ORDER BY code',
      ),
      legacyRegencyCodes: await this.dataSource.query(
        `SELECT legacy_code AS "legacyCode", regency_code AS "regencyCode", name
           FROM legacy_regency_code ORDER BY legacy_code`,
      ),
    };
  }
}
