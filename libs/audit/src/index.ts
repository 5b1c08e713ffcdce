export { AuditEvent } from './audit-event.entity.js';
export { AuditModule } from './audit.module.js';
export { AuditTrail, type AuditActor, type AuditEntry, type ChainVerification } from './audit-trail.js';
