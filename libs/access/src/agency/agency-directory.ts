import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Agency } from './agency.entity.js';

/** The agencies that receive alerts and referrals; every principal may read the directory. */
@Injectable()
export class AgencyDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<Agency[]> {
    return this.dataSource.getRepository(Agency).find({ order: { name: 'ASC' } });
  }
}
