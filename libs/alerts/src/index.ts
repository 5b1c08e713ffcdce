export { AlertGraphqlModule } from './api/alert-graphql.module.js';
export { AlertsModule } from './alerts.module.js';
export { AlertDeliveryModule } from './delivery/alert-delivery.module.js';
export { AlertDetectionModule } from './detection/alert-detection.module.js';
export { AlertFeed, type AlertRaisedMessage } from './live/alert-feed.js';
export {
  AlertLedger,
  AlertTopic,
  dedupeKeyOf,
  type AlertCondition,
  type RaiseOutcome,
} from './model/alert-ledger.js';
export {
  Alert,
  AlertDelivery,
  AlertDeliveryAttempt,
  AlertRecipient,
  alertEntities,
} from './model/alert.entity.js';
export * from './model/alert.enums.js';
export { AlertRouter, type Recipient, type RoutableAlert } from './routing/alert-router.js';
export { signWebhook } from './delivery/webhook-signature.js';
export { AlertSweepModule } from './sweeps/alert-sweep.module.js';
export { AlertSweepScheduler, sweepSchedulerId } from './sweeps/alert-sweep.scheduler.js';
export { AlertSweeper, type PreparedSweep, type SweepCounts } from './sweeps/alert-sweeper.js';
export { SWEEP_RULE_NAMES, SWEEP_RULES, sweepRuleNamed } from './sweeps/sweep-rules.js';
export { CONTRACT_ENDED_AFTER_DAYS } from './sweeps/contract-ended.sweep.js';
export { CONTRACT_ENDING_WITHIN_DAYS } from './sweeps/contract-ending.sweep.js';
export {
  DOCUMENT_EXPIRED_LOOKBACK_DAYS,
  DOCUMENT_EXPIRING_WITHIN_DAYS,
} from './sweeps/document-expiring.sweep.js';
export { MISSED_CHECK_IN_LADDER } from './sweeps/missed-check-in.sweep.js';
export { REINTEGRATION_DUE_AFTER_DAYS } from './sweeps/reintegration-overdue.sweep.js';
export type { SweepRule } from './sweeps/sweep-rule.js';
