export { AuditEvent } from './audit-event.entity.js';
export { canonicalJson } from './audit-hash.js';
export { AuditModule } from './audit.module.js';
export { AuditTrail, type AuditActor, type AuditEntry, type ChainVerification } from './audit-trail.js';
export { AuditTrailQueries, decodeAuditCursor, type AuditCursor } from './audit-trail.queries.js';
