export { ReportsApiModule, ReportsModule } from './reports.module.js';
export { CSV_HEADER, NOW_PERIOD, statisticsRows, type CsvRow } from './statistics/statistics-csv.js';
export type * from './statistics/statistics.figures.js';
export { StatisticsFilter } from './statistics/statistics.filter.js';
export { MAX_PERIOD_MONTHS, TOTAL_PERIOD } from './statistics/statistics-period.js';
export { StatisticsService, type FilterPath } from './statistics/statistics.service.js';
