import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER } from '#lintas/core';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  batchedCalls,
  QueueName,
  QueueProducer,
  ReactsTo,
  type DomainEventJob,
  type DomainEventRule,
  type JobOutcome,
} from '#lintas/queue';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertFeed } from '../live/alert-feed.js';
import { AlertTopic } from '../model/alert-ledger.js';
import { DeliveryChannel, type AlertKind } from '../model/alert.enums.js';
import { AlertRouter, type Recipient, type RoutableAlert } from '../routing/alert-router.js';

interface PlannedDelivery {
  alertId: string;
  severity: string;
  agencyId: string;
  channel: DeliveryChannel;
  target: string;
}

interface PendingDelivery {
  id: string;
  kind: AlertKind;
}

/**
 * Sends raised and escalated alerts on their way: routes them to agencies, writes one delivery per
 * recipient and channel at each alert's present severity (the unique occasion key makes a repeat a
 * no-op), then — after commit — queues each pending delivery with its id as job id and tells the
 * live feed. A repeated event so re-queues nothing that was already queued. The events that arrive
 * together (a sweep raises thousands) are dispatched as one batch, in one transaction of a few
 * statements; a batch that fails is dispatched again one alert at a time.
 */
@Injectable()
@ReactsTo(AlertTopic.Raised, AlertTopic.Escalated)
export class AlertDispatchRule implements DomainEventRule {
  private readonly dispatch = batchedCalls(
    (alertIds: readonly string[]) => this.dispatchAll(alertIds),
    (error, size) =>
      this.logger.warn(
        { err: error, alerts: size },
        'alert dispatch batch failed; each alert is dispatched alone',
      ),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly router: AlertRouter,
    private readonly producer: QueueProducer,
    private readonly feed: AlertFeed,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onEvent(event: DomainEventJob): Promise<JobOutcome> {
    return this.dispatch(event.aggregateId);
  }

  private async dispatchAll(alertIds: readonly string[]): Promise<JobOutcome[]> {
    // A raised and an escalated event of one alert may share a batch: it is dispatched once.
    const distinctIds = [...new Set(alertIds)];
    const { alerts, deliveries } = await this.dataSource.transaction(async (manager) => {
      // Resolved before it could be sent (say, a contact came in the meantime): nobody needs it now.
      const open = await this.routableAlerts(manager, distinctIds);
      const recipients = await this.router.route(manager, open);
      return { alerts: open, deliveries: await this.writeDeliveries(manager, open, recipients) };
    });
    if (deliveries.length > 0) {
      await this.producer.addBulk(
        QueueName.AlertDeliveries,
        deliveries.map(({ id, kind }) => ({ name: kind, data: { deliveryId: id }, jobId: id })),
      );
    }
    const dispatched = new Set(alerts.map((alert) => alert.id));
    await Promise.all(
      alerts.map((alert) =>
        this.feed.publish({
          alertId: alert.id,
          kind: alert.kind,
          originProvinceCode: alert.originProvinceCode,
          originRegencyCode: alert.originRegencyCode,
          destination: alert.destination,
        }),
      ),
    );
    return alertIds.map((alertId) => (dispatched.has(alertId) ? 'done' : 'skipped'));
  }

  private routableAlerts(manager: EntityManager, alertIds: readonly string[]): Promise<RoutableAlert[]> {
    return manager.query<RoutableAlert[]>(
      `SELECT a.id, a.kind, a.severity, p.origin_province_code AS "originProvinceCode",
              p.origin_regency_code AS "originRegencyCode", p.destination
         FROM alert a LEFT JOIN placement p ON p.id = a.placement_id
        WHERE a.id = ANY($1::uuid[]) AND a.status <> 'RESOLVED'
        -- Recipients and deliveries are written in this order: two batches holding the same
        -- alerts (two worker processes, a repeated event) never wait on each other crosswise.
        ORDER BY a.id`,
      [alertIds],
    );
  }

  /** Writes the deliveries each alert's severity needs and answers those still pending. */
  private async writeDeliveries(
    manager: EntityManager,
    alerts: readonly RoutableAlert[],
    recipients: Map<string, Recipient[]>,
  ): Promise<PendingDelivery[]> {
    const planned = alerts.flatMap((alert) =>
      (recipients.get(alert.id) ?? []).flatMap((recipient) => this.plan(alert, recipient)),
    );
    if (planned.length > 0) {
      await manager.query(
        `INSERT INTO alert_delivery (id, alert_id, agency_id, channel, target, severity)
         SELECT d.id, d.alert_id, d.agency_id, d.channel, d.target, d.severity
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[])
                AS d(id, alert_id, agency_id, channel, target, severity)
         ON CONFLICT (alert_id, agency_id, channel, severity) DO NOTHING`,
        [
          planned.map(() => randomUUID()),
          planned.map((delivery) => delivery.alertId),
          planned.map((delivery) => delivery.agencyId),
          planned.map((delivery) => delivery.channel),
          planned.map((delivery) => delivery.target),
          planned.map((delivery) => delivery.severity),
        ],
      );
    }
    if (alerts.length === 0) return [];
    return manager.query<PendingDelivery[]>(
      `SELECT d.id, a.kind
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS a(id, severity, kind)
         JOIN alert_delivery d ON d.alert_id = a.id AND d.severity = a.severity
        WHERE d.status = 'PENDING'
        ORDER BY d.created_at`,
      [
        alerts.map((alert) => alert.id),
        alerts.map((alert) => alert.severity),
        alerts.map((alert) => alert.kind),
      ],
    );
  }

  /** One delivery per channel the recipient has; none, with a warning, when it has neither. */
  private plan(alert: RoutableAlert, recipient: Recipient): PlannedDelivery[] {
    const to = { alertId: alert.id, severity: alert.severity, agencyId: recipient.agencyId };
    if (!recipient.webhookUrl && recipient.alertEmails.length === 0) {
      // Routed, so it shows in the agency's list and live feed, but nothing is pushed to it.
      this.logger.warn(
        { alertId: alert.id, agency: recipient.agencyCode },
        'alert recipient has no webhook or e-mail: set them with set-alert-channels',
      );
    }
    return [
      ...(recipient.webhookUrl
        ? [{ ...to, channel: DeliveryChannel.WEBHOOK, target: recipient.webhookUrl }]
        : []),
      ...(recipient.alertEmails.length > 0
        ? [{ ...to, channel: DeliveryChannel.EMAIL, target: recipient.alertEmails.join(', ') }]
        : []),
    ];
  }
}
