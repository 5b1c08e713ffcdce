import { ReferenceData1764000000000 } from './1764000000000-reference-data.js';
import { AccessAuditOutboxWorkers1764000000100 } from './1764000000100-access-audit-outbox-workers.js';
import { Recruiters1764000000200 } from './1764000000200-recruiters.js';
import { PlacementRules1764000000300 } from './1764000000300-placement-rules.js';
import { Placements1764000000400 } from './1764000000400-placements.js';
import { PlacementsAbroad1764000000500 } from './1764000000500-placements-abroad.js';
import { WorkersReportedAbroad1764000000600 } from './1764000000600-workers-reported-abroad.js';
import { Alerts1764000000700 } from './1764000000700-alerts.js';
import { AlertSweepIndexes1764000000710 } from './1764000000710-alert-sweep-indexes.js';
import { PostPlacement1764000000800 } from './1764000000800-post-placement.js';
import { ReportIndexes1764000000810 } from './1764000000810-report-indexes.js';
import { CheckInsWhileRepatriating1764000000820 } from './1764000000820-check-ins-while-repatriating.js';
import { WorkerPiiEncrypted1764000000900 } from './1764000000900-worker-pii-encrypted.js';
import { UserSessions1764000000910 } from './1764000000910-user-sessions.js';
import { RequirementDocumentNumberSealed1764000000920 } from './1764000000920-requirement-document-number-sealed.js';
import { SessionRevokedUserDeactivated1764000000930 } from './1764000000930-session-revoked-user-deactivated.js';
import { PermitQuotaIndexOnly1764000000940 } from './1764000000940-permit-quota-index-only.js';
import { EnvelopeChecksWithoutCountedRepeats1764000000950 } from './1764000000950-envelope-checks-without-counted-repeats.js';

/** Every migration, in order. Listed, not globbed, so jest and the compiled apps run the same set. */
export const migrations = [
  ReferenceData1764000000000,
  AccessAuditOutboxWorkers1764000000100,
  Recruiters1764000000200,
  PlacementRules1764000000300,
  Placements1764000000400,
  PlacementsAbroad1764000000500,
  WorkersReportedAbroad1764000000600,
  Alerts1764000000700,
  AlertSweepIndexes1764000000710,
  PostPlacement1764000000800,
  ReportIndexes1764000000810,
  CheckInsWhileRepatriating1764000000820,
  WorkerPiiEncrypted1764000000900,
  UserSessions1764000000910,
  RequirementDocumentNumberSealed1764000000920,
  SessionRevokedUserDeactivated1764000000930,
  PermitQuotaIndexOnly1764000000940,
  EnvelopeChecksWithoutCountedRepeats1764000000950,
];
