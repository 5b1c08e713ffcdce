import { Country, LegacyRegencyCode, Province, Regency } from './regions/region.entities.js';
import { Worker } from './worker/worker.entity.js';

export { RegistryGraphqlModule, RegistryModule } from './registry.module.js';
export { Country, LegacyRegencyCode, Province, Regency } from './regions/region.entities.js';
export { findRegencyOfNik, type RegencyRef } from './regions/region-directory.js';
export { parseNik, type ParsedNik, type Sex } from './worker/nik.js';
export { Worker, type NextOfKin } from './worker/worker.entity.js';
export type { WorkerView } from './worker/worker.queries.js';
export {
  rotatePiiKeys,
  SEALED_WORKER_COLUMNS,
  type KeyRotationCounts,
  type SealedTable,
  type SealedValues,
  type TableRotationCounts,
} from './worker/worker-keys.js';
export {
  nikIndexOf,
  openWorkerPhone,
  openWorkerPii,
  sealWorkerPii,
  type SealedWorkerPii,
  type WorkerPii,
} from './worker/worker-pii.js';
export { SexEnum, WorkerModel } from './worker/worker.model.js';
export { WorkerService, type ReportedWorker, type WorkerDetails } from './worker/worker.service.js';

export const registryEntities = [Province, Regency, LegacyRegencyCode, Country, Worker];
