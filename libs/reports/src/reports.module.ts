import { Module } from '@nestjs/common';
import { StatisticsCsvController } from './statistics/statistics-csv.controller.js';
import { StatisticsResolver } from './statistics/statistics.resolver.js';
import { StatisticsService } from './statistics/statistics.service.js';

/** The figures agencies report up the chain. */
@Module({ providers: [StatisticsService], exports: [StatisticsService] })
export class ReportsModule {}

/** The statistics query and its CSV route; only the API imports this. */
@Module({
  imports: [ReportsModule],
  providers: [StatisticsResolver],
  controllers: [StatisticsCsvController],
})
export class ReportsApiModule {}
