import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { Authenticator, Public, READERS, type Principal, type Role } from '#lintas/access';
import {
  ForbiddenError,
  HttpDomainErrorFilter,
  InvalidInputError,
  UnauthenticatedError,
  type FieldError,
} from '#lintas/core';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSV_HEADER, statisticsFileName, statisticsRows, toCsv } from './statistics-csv.js';
import { STATISTICS_FILTER_FIELDS, StatisticsFilter } from './statistics.filter.js';
import { StatisticsService } from './statistics.service.js';

const READER_ROLES: readonly Role[] = READERS;
const FILTER_FIELDS: readonly string[] = STATISTICS_FILTER_FIELDS;

/**
 * `GET /reports/statistics.csv?from=…&to=…&provinceCode=…&regencyCode=…&destination=…`: the
 * statistics query's figures for a spreadsheet, with the same credentials, checks and scope.
 */
@Controller('reports')
@UseFilters(HttpDomainErrorFilter)
export class StatisticsCsvController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly statistics: StatisticsService,
  ) {}

  /**
   * `@Public` only because the global guard admits GraphQL operations alone; on this method, not
   * the class, so a route added here later is refused until it says who may call it. The method
   * authenticates every request itself, with the same Authenticator, before it reads anything.
   */
  @Public()
  @Get('statistics.csv')
  async statisticsCsv(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const principal = await this.reader(request);
    const filter = await filterOf(request.query);
    const report = await this.statistics.statistics(principal, filter, (field) => field);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${statisticsFileName(report)}"`)
      .header('cache-control', 'no-store');
    return toCsv(CSV_HEADER, statisticsRows(report));
  }

  private async reader(request: FastifyRequest): Promise<Principal> {
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const principal = await this.authenticator.authenticate({
      authorization: header('authorization'),
      apiKey: header('x-api-key'),
    });
    if (!principal) throw new UnauthenticatedError();
    if (!principal.roles.some((role) => READER_ROLES.includes(role))) throw new ForbiddenError();
    return principal;
  }
}

/**
 * The query string as a StatisticsFilter, checked by the same rules as the GraphQL argument. A
 * parameter Lintas does not know, or one given twice, is refused: a misspelt `form=` must not
 * silently answer the figures of every year. An empty parameter is no parameter, as forms send it.
 */
async function filterOf(query: unknown): Promise<StatisticsFilter> {
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (!FILTER_FIELDS.includes(name)) {
      errors.push({ path: name, message: `is not a filter; use ${FILTER_FIELDS.join(', ')}` });
    } else if (typeof value !== 'string') {
      errors.push({ path: name, message: 'is given more than once' });
    } else if (value !== '') {
      values[name] = value;
    }
  }
  if (errors.length > 0) throw new InvalidInputError(errors);
  const filter = plainToInstance(StatisticsFilter, values);
  const invalid = await validate(filter, { whitelist: true, forbidUnknownValues: false });
  if (invalid.length > 0) throw new InvalidInputError(invalid.flatMap(fieldErrors));
  return filter;
}

function fieldErrors(error: ValidationError): FieldError[] {
  return Object.values(error.constraints ?? {}).map((message) => ({
    path: error.property,
    message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
  }));
}
