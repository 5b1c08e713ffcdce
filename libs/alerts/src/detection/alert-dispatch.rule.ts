import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER } from '#lintas/core';
import { InjectDataSource } from '@nestjs/typeorm';
import {
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
import { DeliveryChannel } from '../model/alert.enums.js';
import { AlertRouter, type Recipient, type RoutableAlert } from '../routing/alert-router.js';

interface PlannedDelivery {
  agencyId: string;
  channel: DeliveryChannel;
  target: string;
}

/**
 * Sends a raised or escalated alert on its way: routes it to agencies, writes one delivery per
 * recipient and channel at the alert's present severity (the unique occasion key makes a repeat a
 * no-op), then — after commit — queues each pending delivery with its id as job id and tells the
 * live feed. A repeated event so re-queues nothing that was already queued.
 */
@Injectable()
@ReactsTo(AlertTopic.Raised, AlertTopic.Escalated)
export class AlertDispatchRule implements DomainEventRule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly router: AlertRouter,
    private readonly producer: QueueProducer,
    private readonly feed: AlertFeed,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async onEvent(event: DomainEventJob): Promise<JobOutcome> {
    const dispatch = await this.dataSource.transaction(async (manager) => {
      const alert = await this.routableAlert(manager, event.aggregateId);
      // Resolved before it could be sent (say, a contact came in the meantime): nobody needs it now.
      if (!alert) return null;
      const recipients = await this.router.route(manager, alert);
      return { alert, deliveryIds: await this.writeDeliveries(manager, alert, recipients) };
    });
    if (!dispatch) return 'skipped';
    const { alert, deliveryIds } = dispatch;
    if (deliveryIds.length > 0) {
      await this.producer.addBulk(
        QueueName.AlertDeliveries,
        deliveryIds.map((deliveryId) => ({ name: alert.kind, data: { deliveryId }, jobId: deliveryId })),
      );
    }
    await this.feed.publish({
      alertId: alert.id,
      kind: alert.kind,
      originProvinceCode: alert.originProvinceCode,
      originRegencyCode: alert.originRegencyCode,
      destination: alert.destination,
    });
    return 'done';
  }

  private async routableAlert(manager: EntityManager, alertId: string): Promise<RoutableAlert | null> {
    const [alert] = await manager.query<RoutableAlert[]>(
      `SELECT a.id, a.kind, a.severity, p.origin_province_code AS "originProvinceCode",
              p.origin_regency_code AS "originRegencyCode", p.destination
         FROM alert a LEFT JOIN placement p ON p.id = a.placement_id
        WHERE a.id = $1 AND a.status <> 'RESOLVED'`,
      [alertId],
    );
    return alert ?? null;
  }

  /** Writes the deliveries this severity needs and answers the ids of those still pending. */
  private async writeDeliveries(
    manager: EntityManager,
    alert: RoutableAlert,
    recipients: Recipient[],
  ): Promise<string[]> {
    for (const recipient of recipients) {
      if (recipient.webhookUrl || recipient.alertEmails.length > 0) continue;
      // Routed, so it shows in the agency's list and live feed, but nothing is pushed to it.
      this.logger.warn(
        { alertId: alert.id, agency: recipient.agencyCode },
        'alert recipient has no webhook or e-mail: set them with set-alert-channels',
      );
    }
    const planned = recipients.flatMap((recipient): PlannedDelivery[] => [
      ...(recipient.webhookUrl
        ? [{ agencyId: recipient.agencyId, channel: DeliveryChannel.WEBHOOK, target: recipient.webhookUrl }]
        : []),
      ...(recipient.alertEmails.length > 0
        ? [
            {
              agencyId: recipient.agencyId,
              channel: DeliveryChannel.EMAIL,
              target: recipient.alertEmails.join(', '),
            },
          ]
        : []),
    ]);
    if (planned.length > 0) {
      await manager.query(
        `INSERT INTO alert_delivery (id, alert_id, agency_id, channel, target, severity)
         SELECT d.id, $1, d.agency_id, d.channel, d.target, $2
           FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS d(id, agency_id, channel, target)
         ON CONFLICT (alert_id, agency_id, channel, severity) DO NOTHING`,
        [
          alert.id,
          alert.severity,
          planned.map(() => randomUUID()),
          planned.map((delivery) => delivery.agencyId),
          planned.map((delivery) => delivery.channel),
          planned.map((delivery) => delivery.target),
        ],
      );
    }
    const pending = await manager.query<{ id: string }[]>(
      `SELECT id FROM alert_delivery WHERE alert_id = $1 AND severity = $2 AND status = 'PENDING' ORDER BY created_at`,
      [alert.id, alert.severity],
    );
    return pending.map((delivery) => delivery.id);
  }
}
