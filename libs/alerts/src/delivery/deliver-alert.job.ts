import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_LOGGER, Clock } from '#lintas/core';
import {
  batchedCalls,
  HandlesQueue,
  QueueName,
  type AlertDeliveryJob,
  type JobHandler,
  type JobOutcome,
} from '#lintas/queue';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertLedger } from '../model/alert-ledger.js';
import {
  AlertKind,
  AlertSeverity,
  DeliveryChannel,
  DeliveryStatus,
  AlertStatus,
} from '../model/alert.enums.js';
import type { AlertNotice } from './alert-notice.js';
import { outcomeOf, type AttemptOutcome, type AttemptResult } from './delivery-outcome.js';
import { EmailChannel } from './email.channel.js';
import { WebhookChannel } from './webhook.channel.js';

interface DeliveryRow {
  delivery_id: string;
  channel: DeliveryChannel;
  target: string;
  delivery_status: DeliveryStatus;
  delivery_severity: AlertSeverity;
  agency_code: string;
  webhook_secret: string | null;
  alert_id: string;
  kind: AlertKind;
  alert_status: AlertStatus;
  reason: string;
  raised_at: Date;
  escalated_at: Date | null;
  placement_id: string | null;
  subject_alert_id: string | null;
  origin_province_code: string | null;
  origin_regency_code: string | null;
  destination: string | null;
}

interface Attempt {
  number: number;
  at: Date;
  latencyMs: number;
  result: AttemptResult;
  outcome: AttemptOutcome;
}

interface RecordedAttempt {
  deliveryId: string;
  attempt: Attempt;
}

/** A retried delivery stays PENDING; the others are concluded. */
const STATUS_AFTER: Record<AttemptOutcome, DeliveryStatus> = {
  DELIVERED: DeliveryStatus.DELIVERED,
  RETRY: DeliveryStatus.PENDING,
  FAILED: DeliveryStatus.FAILED,
};

function noticeOf(row: DeliveryRow): AlertNotice {
  return {
    deliveryId: row.delivery_id,
    channel: row.channel,
    target: row.target,
    agencyCode: row.agency_code,
    alert: {
      id: row.alert_id,
      kind: row.kind,
      severity: row.delivery_severity,
      status: row.alert_status,
      reason: row.reason,
      raisedAt: row.raised_at,
      escalatedAt: row.escalated_at,
      placementId: row.placement_id,
      subjectAlertId: row.subject_alert_id,
      originProvinceCode: row.origin_province_code,
      originRegencyCode: row.origin_regency_code,
      destination: row.destination,
    },
  };
}

/**
 * Makes one attempt at one delivery (an alert, to one agency, over one channel) and records it.
 * BullMQ retries a failed attempt with exponential backoff and jitter; a refusal that cannot pass
 * (a 4xx, an SMTP 5xx) ends the job at once. The last failure marks the delivery FAILED and raises
 * DELIVERY_FAILED, which is routed to the national agency. Jobs run at least once: a delivery that
 * is no longer PENDING is skipped, and receivers recognise a repeat by its `Idempotency-Key`.
 * The deliveries running at once (DELIVERY_CONCURRENCY) are read, and their attempts recorded, a
 * batch per statement.
 */
@Injectable()
@HandlesQueue(QueueName.AlertDeliveries)
export class DeliverAlertJob implements JobHandler<QueueName.AlertDeliveries> {
  private readonly read = batchedCalls(
    (deliveryIds: readonly string[]) => this.readAll(deliveryIds),
    (error, size) => this.batchFailed('read', error, size),
  );
  private readonly recordAttempt = batchedCalls(
    (attempts: readonly RecordedAttempt[]) => this.recordAttempts(this.dataSource.manager, attempts),
    (error, size) => this.batchFailed('record', error, size),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly webhook: WebhookChannel,
    private readonly email: EmailChannel,
    private readonly ledger: AlertLedger,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(job: Job<AlertDeliveryJob>): Promise<JobOutcome> {
    const { deliveryId } = job.data;
    const row = await this.read(deliveryId);
    if (!row) {
      this.logger.warn({ deliveryId }, 'alert delivery not found; nothing to deliver');
      return 'skipped';
    }
    if (row.delivery_status !== DeliveryStatus.PENDING) return 'skipped';
    if (row.alert_status === AlertStatus.RESOLVED) {
      // Resolved while it waited (a contact came in, a receiver was down): nobody needs it now, and
      // no DELIVERY_FAILED is raised about an alert that is over. The delivery says so.
      await this.dataSource.query(
        `UPDATE alert_delivery SET status = 'FAILED', failed_at = $2, last_error = $3
          WHERE id = $1 AND status = 'PENDING'`,
        [deliveryId, this.clock.now(), 'not sent: the alert was resolved before it could be delivered'],
      );
      return 'skipped';
    }

    const number = job.attemptsMade + 1;
    const lastAttempt = number >= (job.opts.attempts ?? 1);
    const at = this.clock.now();
    const started = performance.now();
    const result = await this.send(row, number);
    const attempt: Attempt = {
      number,
      at,
      latencyMs: Math.round(performance.now() - started),
      result,
      outcome: outcomeOf(result.verdict, lastAttempt),
    };
    await this.record(row, attempt);

    const context = {
      deliveryId,
      alertId: row.alert_id,
      kind: row.kind,
      channel: row.channel,
      agencyCode: row.agency_code,
      attempt: number,
      outcome: attempt.outcome,
      statusCode: result.statusCode,
      latencyMs: attempt.latencyMs,
    };
    if (attempt.outcome === 'DELIVERED') {
      this.logger.info(context, 'alert delivered');
      return 'done';
    }
    this.logger.warn({ ...context, error: result.error }, 'alert delivery attempt failed');
    const message = `delivery ${deliveryId}, attempt ${number}: ${result.error ?? 'failed'}`;
    // BullMQ retries an Error (until the attempts run out) but never an UnrecoverableError.
    throw result.verdict === 'PERMANENT' ? new UnrecoverableError(message) : new Error(message);
  }

  private batchFailed(step: 'read' | 'record', error: unknown, size: number): void {
    this.logger.warn({ err: error, step, deliveries: size }, 'alert delivery batch failed; each runs alone');
  }

  private async readAll(deliveryIds: readonly string[]): Promise<(DeliveryRow | undefined)[]> {
    const rows = await this.dataSource.query<DeliveryRow[]>(
      // A webhook goes to the URL that belongs to the secret it is signed with: the agency's own, now.
      `SELECT d.id AS delivery_id, d.channel,
              CASE WHEN d.channel = 'WEBHOOK' THEN coalesce(ag.webhook_url, d.target) ELSE d.target END AS target,
              d.status AS delivery_status,
              d.severity AS delivery_severity, ag.code AS agency_code, ag.webhook_secret,
              a.id AS alert_id, a.kind, a.status AS alert_status, a.reason, a.raised_at, a.escalated_at,
              a.placement_id, a.subject_alert_id,
              p.origin_province_code, p.origin_regency_code, p.destination
         FROM alert_delivery d
         JOIN alert a ON a.id = d.alert_id
         JOIN agency ag ON ag.id = d.agency_id
         LEFT JOIN placement p ON p.id = a.placement_id
        WHERE d.id = ANY($1::uuid[])`,
      [deliveryIds],
    );
    const byId = new Map(rows.map((row) => [row.delivery_id, row]));
    return deliveryIds.map((deliveryId) => byId.get(deliveryId));
  }

  private send(row: DeliveryRow, attempt: number): Promise<AttemptResult> {
    const notice = noticeOf(row);
    switch (row.channel) {
      case DeliveryChannel.WEBHOOK:
        // The secret is read at each attempt: an agency that rotates it is signed for with the new one.
        if (!row.webhook_secret) {
          return Promise.resolve({
            verdict: 'PERMANENT',
            statusCode: null,
            error: 'the agency has no webhook any more',
          });
        }
        return this.webhook.send(notice, row.webhook_secret, attempt);
      case DeliveryChannel.EMAIL:
        return this.email.send(notice, attempt);
    }
  }

  /**
   * The attempt and the delivery's new state, in one statement (so one round trip, and atomic
   * without a transaction around it); a delivery that has failed for good also raises
   * DELIVERY_FAILED, in the same transaction as its last attempt.
   */
  private async record(row: DeliveryRow, attempt: Attempt): Promise<void> {
    const recorded = { deliveryId: row.delivery_id, attempt };
    if (attempt.outcome !== 'FAILED') {
      await this.recordAttempt(recorded);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const [concluded] = await this.recordAttempts(manager, [recorded]);
      if (concluded) await this.raiseDeliveryFailed(manager, row, attempt, concluded.attempts);
    });
  }

  /**
   * Records the attempts and their deliveries' new states, in one statement (so one round trip,
   * and atomic without a transaction around it). Answers, per attempt, its delivery's attempts when
   * the attempt changed it, or undefined when the delivery was no longer PENDING.
   */
  private async recordAttempts(
    manager: EntityManager,
    attempts: readonly RecordedAttempt[],
  ): Promise<({ attempts: number } | undefined)[]> {
    const column = <T>(value: (recorded: RecordedAttempt) => T): T[] => attempts.map(value);
    // Only a PENDING delivery changes: a repeated job (at-least-once) never undoes a concluded one.
    const [updated] = await manager.query<[{ id: string; attempts: number }[], number]>(
      `WITH recorded AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[])
                    AS r(delivery_id, attempt, attempted_at, latency_ms, status_code, outcome, error, status)
       ), attempt AS (
         INSERT INTO alert_delivery_attempt (delivery_id, attempt, attempted_at, latency_ms, status_code, outcome, error)
         SELECT delivery_id, attempt, attempted_at, latency_ms, status_code, outcome, error FROM recorded
       )
       UPDATE alert_delivery d
          SET attempts = GREATEST(d.attempts, r.attempt),
              status = r.status,
              last_error = COALESCE(r.error, d.last_error),
              delivered_at = CASE WHEN r.outcome = 'DELIVERED' THEN r.attempted_at END,
              failed_at = CASE WHEN r.outcome = 'FAILED' THEN r.attempted_at END
         FROM (
               -- Two runs of one job (a stalled job run again) may share a batch: the concluding
               -- attempt decides, as it would have in statements of their own.
               SELECT DISTINCT ON (delivery_id) * FROM recorded
                ORDER BY delivery_id, status <> 'PENDING' DESC, attempt DESC
              ) r
        WHERE d.id = r.delivery_id AND d.status = 'PENDING'
       RETURNING d.id, d.attempts`,
      [
        column((r) => r.deliveryId),
        column((r) => r.attempt.number),
        column((r) => r.attempt.at),
        column((r) => r.attempt.latencyMs),
        column((r) => r.attempt.result.statusCode),
        column((r) => r.attempt.outcome),
        column((r) => r.attempt.result.error),
        column((r) => STATUS_AFTER[r.attempt.outcome]),
      ],
    );
    const byDelivery = new Map(updated.map((delivery) => [delivery.id, { attempts: delivery.attempts }]));
    return attempts.map((recorded) => byDelivery.get(recorded.deliveryId));
  }

  private async raiseDeliveryFailed(
    manager: EntityManager,
    row: DeliveryRow,
    attempt: Attempt,
    attempts: number,
  ): Promise<void> {
    const { result } = attempt;
    const what = `${row.kind} alert ${row.alert_id} could not be delivered to ${row.agency_code} by ${row.channel}`;
    const why = `after ${attempts} attempt(s): ${result.error ?? 'failed'}`;
    if (row.kind === AlertKind.DELIVERY_FAILED) {
      // Raising another would loop; the operators' logs are where this one ends.
      this.logger.error(
        {
          deliveryId: row.delivery_id,
          alertId: row.alert_id,
          agencyCode: row.agency_code,
          channel: row.channel,
        },
        `${what} ${why}; no further DELIVERY_FAILED is raised`,
      );
      return;
    }
    await this.ledger.raise(manager, {
      kind: AlertKind.DELIVERY_FAILED,
      severity: AlertSeverity.HIGH,
      placementId: row.placement_id,
      subjectAlertId: row.alert_id,
      dedupeKey: `${AlertKind.DELIVERY_FAILED}:${row.delivery_id}`,
      reason: `${what} ${why}.`,
    });
  }
}
