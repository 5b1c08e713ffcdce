/**
 * The fault drills (test/faults, `npm run test:faults`): each file starts its own PostgreSQL,
 * Redis, api and worker and breaks them, so it needs no shared service and runs apart from
 * `npm test`. Two files at a time: most of a drill is waiting out an outage.
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 2,
  testTimeout: 600_000,
};
