import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_LOGGER, LintasConfig } from '#lintas/core';
import { jobOptionsFor, QueueName, QueueProducer } from '#lintas/queue';
import type { Logger } from 'pino';
import { SWEEP_RULE_NAMES } from './sweep-rules.js';

const SCHEDULER_PREFIX = 'sweep:';
const RETRY_MS = 5000;

/** The job scheduler id of a time rule. */
export const sweepSchedulerId = (rule: string): string => `${SCHEDULER_PREFIX}${rule}`;

/**
 * Upserts one BullMQ job scheduler per time rule, every ALERT_SWEEP_INTERVAL_SECONDS. The worker
 * does it once at start (never an API replica); upserting is idempotent, so several workers or a
 * restart keep one scheduler per rule. Schedulers of rules that no longer exist are removed.
 */
@Injectable()
export class AlertSweepScheduler implements OnApplicationShutdown {
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly producer: QueueProducer,
    private readonly config: LintasConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Schedules the sweeps. With Redis down the worker still starts, as it does for the relay: the
   * upsert is retried every few seconds until Redis answers.
   */
  async start(): Promise<void> {
    try {
      await this.schedule();
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn({ err: error, retryInMs: RETRY_MS }, 'alert sweeps not scheduled yet');
      this.retry = setTimeout(() => void this.start(), RETRY_MS);
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async schedule(): Promise<void> {
    if (!(await this.producer.waitUntilConnected(RETRY_MS))) throw new Error('Redis is not connected');
    const queue = this.producer.queue(QueueName.AlertSweeps);
    const every = this.config.ALERT_SWEEP_INTERVAL_SECONDS * 1000;
    const opts = jobOptionsFor(QueueName.AlertSweeps, this.config);
    for (const rule of SWEEP_RULE_NAMES) {
      await queue.upsertJobScheduler(sweepSchedulerId(rule), { every }, { name: rule, data: { rule }, opts });
    }
    const current = new Set(SWEEP_RULE_NAMES.map(sweepSchedulerId));
    for (const scheduler of await queue.getJobSchedulers()) {
      if (scheduler.key.startsWith(SCHEDULER_PREFIX) && !current.has(scheduler.key)) {
        await queue.removeJobScheduler(scheduler.key);
      }
    }
    this.logger.info({ rules: SWEEP_RULE_NAMES, everyMs: every }, 'alert sweeps scheduled');
  }
}
