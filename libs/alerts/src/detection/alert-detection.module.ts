import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';

/** The event rules (fed by the outbox) and the routing of raised alerts to agencies. Worker only. */
@Module({ imports: [AlertsModule] })
export class AlertDetectionModule {}
