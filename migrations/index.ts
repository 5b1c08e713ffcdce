import { ReferenceData1764000000000 } from './1764000000000-reference-data.js';
import { AccessAuditOutboxWorkers1764000000100 } from './1764000000100-access-audit-outbox-workers.js';

/** Every migration, in order. Listed, not globbed, so jest and the compiled apps run the same set. */
export const migrations = [ReferenceData1764000000000, AccessAuditOutboxWorkers1764000000100];
