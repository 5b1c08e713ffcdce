import { loadConfig } from '#lintas/core';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from './data-source.js';

/** For the TypeORM CLI only: `npm run migration:generate -- migrations/<timestamp>-<name>`. */
export default new DataSource(lintasDataSourceOptions(loadConfig()));
