export {
  AuditChainBrokenError,
  AuditCheckpointError,
  parseAuditCheckpoint,
  verifyAuditChain,
  verifyAuditTrail,
  type AuditCheckpoint,
  type BrokenLink,
  type ChainBreakReason,
  type ChainVerification,
  type CheckpointFailureReason,
  type TrailVerification,
} from './audit-chain.js';
export { AuditEvent } from './audit-event.entity.js';
export { canonicalJson } from './audit-hash.js';
export { AuditModule } from './audit.module.js';
export { AuditTrail, type AuditActor } from './audit-trail.js';
export { AuditTrailQueries, decodeAuditCursor } from './audit-trail.queries.js';
