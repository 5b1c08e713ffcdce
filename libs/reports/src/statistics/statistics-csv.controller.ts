import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Allow, CurrentPrincipal, READERS, type Principal } from '#lintas/access';
import { HttpDomainErrorFilter, InvalidInputError, validInput, type FieldError } from '#lintas/core';
import type { FastifyReply } from 'fastify';
import { CSV_HEADER, statisticsFileName, statisticsRows, toCsv } from './statistics-csv.js';
import { STATISTICS_FILTER_FIELDS, StatisticsFilter } from './statistics.filter.js';
import { StatisticsService } from './statistics.service.js';

const FILTER_FIELDS: readonly string[] = STATISTICS_FILTER_FIELDS;

/**
 * `GET /reports/statistics.csv?from=…&to=…&provinceCode=…&regencyCode=…&destination=…`: the
 * statistics query's figures for a spreadsheet, with the same credentials, checks and scope. The
 * filter answers every refusal — the guard's as well as bad input — under its HTTP status.
 */
@Controller('reports')
@UseFilters(HttpDomainErrorFilter)
export class StatisticsCsvController {
  constructor(private readonly statistics: StatisticsService) {}

  @Allow(...READERS)
  @Get('statistics.csv')
  async statisticsCsv(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const filter = await filterOf(query);
    const report = await this.statistics.statistics(principal, filter, (field) => field);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${statisticsFileName(report)}"`)
      .header('cache-control', 'no-store');
    return toCsv(CSV_HEADER, statisticsRows(report));
  }
}

/**
 * The query string as a StatisticsFilter, checked by the same rules as the GraphQL argument. A
 * parameter Lintas does not know, or one given twice, is refused: a misspelt `form=` must not
 * silently answer the figures of every year. An empty parameter is no parameter, as forms send it.
 */
async function filterOf(query: Record<string, unknown>): Promise<StatisticsFilter> {
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!FILTER_FIELDS.includes(name)) {
      errors.push({ path: name, message: `is not a filter; use ${FILTER_FIELDS.join(', ')}` });
    } else if (typeof value !== 'string') {
      errors.push({ path: name, message: 'is given more than once' });
    } else if (value !== '') {
      values[name] = value;
    }
  }
  if (errors.length > 0) throw new InvalidInputError(errors);
  return validInput(StatisticsFilter, values);
}
