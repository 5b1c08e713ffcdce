import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, READERS, type Principal } from '#lintas/access';
import type { StatisticsReport } from './statistics.figures.js';
import { StatisticsFilter } from './statistics.filter.js';
import { StatisticsModel } from './statistics.model.js';
import { StatisticsService } from './statistics.service.js';

/** Aggregates name nobody, so every reader may ask, always within their own jurisdiction. */
@Resolver(() => StatisticsModel)
export class StatisticsResolver {
  constructor(private readonly statistics: StatisticsService) {}

  @Allow(...READERS)
  @Query(() => StatisticsModel, {
    name: 'statistics',
    description:
      'Registrations, departures, workers abroad now, returns, suspected trafficking victims, alerts and ' +
      'referrals for a period, in total and by year and month; also as CSV at GET /reports/statistics.csv',
  })
  report(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => StatisticsFilter, nullable: true }) filter: StatisticsFilter | null,
  ): Promise<StatisticsReport> {
    return this.statistics.statistics(principal, filter ?? undefined, (field) => `filter.${field}`);
  }
}
