import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { requestLoader, type LoaderContext } from '#lintas/core';
import type { DataSource } from 'typeorm';
import type { AgencyKind } from '../roles.js';
import { Agency } from './agency.entity.js';

/** An agency as the directory shows it: its channels and webhook secret never leave the server. */
export interface AgencySummary {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  provinceCodes: string[];
  regencyCodes: string[];
  countryCodes: string[];
}

/** The agencies that receive alerts and referrals; every principal may read the directory. */
@Injectable()
export class AgencyDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<Agency[]> {
    return this.dataSource.getRepository(Agency).find({ order: { name: 'ASC' } });
  }

  /**
   * The agency an alert, delivery, repatriation or referral names, read with every other agency the
   * request names in one query (one loader per request, whichever type asks).
   */
  summaryOf(context: LoaderContext, id: string): Promise<AgencySummary | undefined> {
    return requestLoader(
      context,
      'agency.summary',
      (ids) => this.summaries(ids),
      (agency) => agency.id,
    ).load(id);
  }

  private summaries(ids: readonly string[]): Promise<AgencySummary[]> {
    return this.dataSource.query<AgencySummary[]>(
      `SELECT id, code, name, kind, province_codes AS "provinceCodes", regency_codes AS "regencyCodes",
              country_codes AS "countryCodes"
         FROM agency WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
