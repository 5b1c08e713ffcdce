import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';
import { AlertSweepScheduler } from './alert-sweep.scheduler.js';
import { AlertSweeper } from './alert-sweeper.js';
import { RunAlertSweepJob } from './run-alert-sweep.job.js';

/** The time rules: set-based sweeps run by BullMQ job schedulers. */
@Module({
  imports: [AlertsModule],
  providers: [AlertSweeper, RunAlertSweepJob, AlertSweepScheduler],
  exports: [AlertSweeper, AlertSweepScheduler],
})
export class AlertSweepModule {}
