import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER } from '#lintas/core';
import { HandlesQueue, QueueName, type AlertSweepJob, type JobHandler, type JobOutcome } from '#lintas/queue';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { AlertSweeper } from './alert-sweeper.js';
import { sweepRuleNamed } from './sweep-rules.js';

/**
 * Runs the time rule a sweep job names, from its scheduler or on demand. A sweep is idempotent, so
 * a doubled or retried tick is harmless; a rule this worker does not know fails at once, unretried.
 */
@Injectable()
@HandlesQueue(QueueName.AlertSweeps)
export class RunAlertSweepJob implements JobHandler<QueueName.AlertSweeps> {
  constructor(
    private readonly sweeper: AlertSweeper,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(job: Job<AlertSweepJob>): Promise<JobOutcome> {
    const { rule: name } = job.data;
    const rule = sweepRuleNamed(name);
    if (!rule) throw new UnrecoverableError(`unknown alert sweep rule "${name}"`);
    const startedAt = performance.now();
    const counts = await this.sweeper.run(rule);
    this.logger.info(
      { rule: name, jobId: job.id, ...counts, durationMs: Math.round(performance.now() - startedAt) },
      'alert sweep finished',
    );
    return counts.raised + counts.escalated > 0 ? 'done' : 'skipped';
  }
}
