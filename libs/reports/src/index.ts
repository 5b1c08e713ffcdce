export { ReportsApiModule } from './reports.module.js';
