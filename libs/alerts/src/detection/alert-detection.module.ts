import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';
import { AlertRouter } from '../routing/alert-router.js';
import { AlertDispatchRule } from './alert-dispatch.rule.js';
import {
  ReintegrationAddressedRule,
  WorkerFoundRule,
  WorkerReachedRule,
  WorkerReturnedRule,
} from './auto-resolution.rules.js';
import { placementAlertRules } from './placement-alert.rules.js';

/** The event rules (fed by the outbox) and the routing of raised alerts to agencies. Worker only. */
@Module({
  imports: [AlertsModule],
  providers: [
    ...placementAlertRules,
    WorkerReachedRule,
    WorkerFoundRule,
    WorkerReturnedRule,
    ReintegrationAddressedRule,
    AlertRouter,
    AlertDispatchRule,
  ],
})
export class AlertDetectionModule {}
