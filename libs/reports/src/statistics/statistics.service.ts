import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '#lintas/access';
import { Clock, InvalidInputError, type FieldError } from '#lintas/core';
import { indonesianDate } from '#lintas/pre-placement';
import type { DataSource } from 'typeorm';
import { MAX_PERIOD_MONTHS, monthsSpanned } from './statistics-period.js';
import { assembleReport, firstMonth } from './statistics-report.js';
import type { StatisticsReport } from './statistics.figures.js';
import type { STATISTICS_FILTER_FIELDS, StatisticsFilter } from './statistics.filter.js';
import { StatisticsQueries, type StatisticsBounds } from './statistics.queries.js';

/** Names a filter field as the caller wrote it: `filter.to` over GraphQL, `to` in the CSV's query string. */
export type FilterPath = (field: (typeof STATISTICS_FILTER_FIELDS)[number]) => string;

/**
 * How long one statement of a report may run. The whole country since the first record took about
 * 1.7 s on 2 shared cores (README); ten times that is a plan gone wrong or a database in trouble,
 * and the report would otherwise hold one of a small pool's connections, and a snapshot that keeps
 * vacuum from its dead rows, for as long as it runs. The caller gets INTERNAL, logged.
 */
const STATEMENT_TIMEOUT_MS = 15_000;

interface CodeCheck {
  provinceKnown: boolean;
  regencyProvince: string | null;
  countryKnown: boolean;
}

/**
 * The figures agencies report up the chain, counted in SQL within the caller's jurisdiction and
 * the filter. Aggregates only: no person is ever named, so every reader may ask.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async statistics(
    principal: Principal,
    given: StatisticsFilter | undefined,
    path: FilterPath,
  ): Promise<StatisticsReport> {
    const filter = given ?? {};
    const bounds: StatisticsBounds = {
      from: filter.from ?? null,
      to: filter.to ?? indonesianDate(this.clock.now()),
    };
    await this.check(filter, bounds, path);
    const scope = {
      jurisdiction: principal.jurisdiction,
      provinceCode: filter.provinceCode,
      regencyCode: filter.regencyCode,
      destination: filter.destination,
    };
    // One snapshot for every statement, so that the figures of one answer agree with one another.
    const rows = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      const queries = new StatisticsQueries(manager, scope, bounds);
      if (bounds.from === null) refuseLongHistory(await queries.earliestMonth(), bounds.to, path);
      return {
        figures: await queries.figures(),
        referrals: await queries.referrals(),
        abroad: await queries.abroadNow(),
      };
    });
    // Again on what was counted: a suspected victim identified by a contact older than every
    // other record is the one fact earliestMonth cannot see through an index.
    if (bounds.from === null) refuseLongHistory(firstMonth(bounds, rows), bounds.to, path);
    return assembleReport(bounds, rows);
  }

  /** Every mistake in the filter, reported together, before anything is counted. */
  private async check(filter: StatisticsFilter, bounds: StatisticsBounds, path: FilterPath): Promise<void> {
    const errors: FieldError[] = [];
    if (bounds.from !== null && bounds.from > bounds.to) {
      errors.push(
        filter.to
          ? { path: path('to'), message: `is before from (${bounds.from})` }
          : {
              path: path('from'),
              message: `is after today (${bounds.to}), where the period ends unless to is given`,
            },
      );
    } else if (bounds.from !== null && monthsSpanned(bounds.from, bounds.to) > MAX_PERIOD_MONTHS) {
      errors.push({
        path: path('from'),
        message: `makes a period of ${monthsSpanned(bounds.from, bounds.to)} months; at most ${MAX_PERIOD_MONTHS} (20 years) are counted at once`,
      });
    }
    if (filter.provinceCode || filter.regencyCode || filter.destination) {
      const [codes] = await this.dataSource.query<CodeCheck[]>(
        `SELECT EXISTS (SELECT 1 FROM province WHERE code = $1) AS "provinceKnown",
                (SELECT province_code FROM regency WHERE code = $2) AS "regencyProvince",
                EXISTS (SELECT 1 FROM country WHERE code = $3) AS "countryKnown"`,
        [filter.provinceCode ?? null, filter.regencyCode ?? null, filter.destination ?? null],
      );
      if (filter.provinceCode && !codes?.provinceKnown) {
        errors.push({ path: path('provinceCode'), message: 'is not a Kemendagri province code' });
      }
      if (filter.regencyCode && !codes?.regencyProvince) {
        errors.push({ path: path('regencyCode'), message: 'is not a Kemendagri regency code' });
      } else if (
        filter.regencyCode &&
        filter.provinceCode &&
        codes?.regencyProvince !== filter.provinceCode
      ) {
        errors.push({ path: path('regencyCode'), message: `is not in province ${filter.provinceCode}` });
      }
      if (filter.destination && !codes?.countryKnown) {
        errors.push({ path: path('destination'), message: 'is not an ISO 3166-1 country code' });
      }
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
  }
}

/** Without `from`, the figures start at the earliest record: refused when that is too long ago to count at once. */
function refuseLongHistory(first: string | null | undefined, to: string, path: FilterPath): void {
  if (first && monthsSpanned(first, to) > MAX_PERIOD_MONTHS) {
    throw InvalidInputError.of(
      path('from'),
      `is required here: the records start in ${first}, more than ${MAX_PERIOD_MONTHS} months before ${to}`,
    );
  }
}
