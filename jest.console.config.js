/**
 * The console's end-to-end suite (test/console, `npm run test:console`): each file starts the built
 * api (serving the built console) and worker on a database of its own and drives Chromium through
 * the console as an officer and a case handler would. It needs PostgreSQL, Redis and Chromium
 * (CHROMIUM_PATH, else /usr/bin/chromium). The contrast function's unit spec runs with it.
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/console/**/*.console-spec.ts', '<rootDir>/test/console/**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 2,
  testTimeout: 120_000,
};
