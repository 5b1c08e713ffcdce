import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';

/** The time rules: set-based sweeps run by BullMQ job schedulers. */
@Module({ imports: [AlertsModule] })
export class AlertSweepModule {}
