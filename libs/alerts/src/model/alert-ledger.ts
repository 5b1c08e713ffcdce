import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '#lintas/core';
import { OutboxWriter } from '#lintas/database';
import type { EntityManager } from 'typeorm';
import { AlertKind, AlertSeverity, AlertStatus, SEVERITY_ORDER_SQL } from './alert.enums.js';

/** Outbox topics of alerts: routing and delivery react to them. Payload: `alertId`, `severity`. */
export const AlertTopic = {
  Raised: 'alert.raised',
  Escalated: 'alert.escalated',
} as const;

/** A condition that needs an alert; `dedupeKey` names it, so it has at most one open alert. */
export interface AlertCondition {
  kind: AlertKind;
  severity: AlertSeverity;
  placementId: string | null;
  subjectAlertId?: string | null;
  dedupeKey: string;
  reason: string;
}

export type RaiseOutcome = 'raised' | 'escalated' | 'unchanged';

/** What answering an alert found: resolved now (with what it was before), resolved already, or none. */
export type AnsweredAlert =
  | { outcome: 'resolved'; before: { status: AlertStatus; version: number } }
  | { outcome: 'already-resolved' }
  | { outcome: 'not-found' };

/** The usual dedupe key: one open alert of a kind per placement. */
export function dedupeKeyOf(kind: AlertKind, placementId: string, detail?: string): string {
  return detail ? `${kind}:${placementId}:${detail}` : `${kind}:${placementId}`;
}

/**
 * Raises, escalates and resolves alerts inside the caller's transaction, with the outbox event
 * that routes and delivers them. The open-dedupe-key index makes raising idempotent: raising a
 * condition that already has an open alert raises its severity if higher, and otherwise does nothing.
 */
@Injectable()
export class AlertLedger {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async raise(
    manager: EntityManager,
    condition: AlertCondition,
  ): Promise<{ alertId: string; outcome: RaiseOutcome }> {
    const now = this.clock.now();
    const [row] = await manager.query<{ id: string; inserted: boolean }[]>(
      `INSERT INTO alert (id, kind, severity, placement_id, subject_alert_id, dedupe_key, reason, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (dedupe_key) WHERE status <> 'RESOLVED' DO UPDATE
          SET severity = EXCLUDED.severity, reason = EXCLUDED.reason, escalated_at = EXCLUDED.raised_at,
              version = alert.version + 1, updated_at = now()
        WHERE array_position(${SEVERITY_ORDER_SQL}, alert.severity)
            < array_position(${SEVERITY_ORDER_SQL}, EXCLUDED.severity)
       RETURNING id, (xmax = 0) AS inserted`,
      [
        randomUUID(),
        condition.kind,
        condition.severity,
        condition.placementId,
        condition.subjectAlertId ?? null,
        condition.dedupeKey,
        condition.reason,
        now,
      ],
    );
    if (!row) {
      const [open] = await manager.query<{ id: string }[]>(
        `SELECT id FROM alert WHERE dedupe_key = $1 AND status <> 'RESOLVED'`,
        [condition.dedupeKey],
      );
      if (!open) throw new Error(`no open alert for ${condition.dedupeKey} after a conflict`);
      return { alertId: open.id, outcome: 'unchanged' };
    }
    await this.outbox.publish(manager, {
      topic: row.inserted ? AlertTopic.Raised : AlertTopic.Escalated,
      aggregateType: 'alert',
      aggregateId: row.id,
      payload: { severity: condition.severity },
    });
    return { alertId: row.id, outcome: row.inserted ? 'raised' : 'escalated' };
  }

  /**
   * Lintas resolves a placement's open alerts of these kinds itself, because the condition is
   * gone (a contact reached the worker, the worker came home); the note says so.
   */
  async resolveBySystem(
    manager: EntityManager,
    placementId: string,
    kinds: AlertKind[],
    note: string,
  ): Promise<string[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE alert
          SET status = 'RESOLVED', resolved_at = $4, resolved_by_id = NULL, resolution_note = $3,
              version = version + 1, updated_at = now()
        WHERE placement_id = $1 AND kind = ANY($2::text[]) AND status <> 'RESOLVED'
       RETURNING id`,
      [placementId, kinds, note, this.clock.now()],
    );
    return rows.map((row) => row.id);
  }

  /**
   * A person acted on an open alert of a placement (e.g. turned it into a repatriation): the alert
   * is resolved with a note saying what was done, inside the caller's transaction. Answers what it
   * found, so the caller can refuse the action (no alert of that kind on that placement, or one
   * resolved already) or audit it (the status and version it had). `resolvedById` is null when the
   * actor is not a user (an API key).
   */
  async resolveAsAnswered(
    manager: EntityManager,
    answer: {
      alertId: string;
      placementId: string;
      kind: AlertKind;
      resolvedById: string | null;
      note: string;
    },
  ): Promise<AnsweredAlert> {
    const [alert] = await manager.query<{ status: AlertStatus; version: number }[]>(
      'SELECT status, version FROM alert WHERE id = $1 AND placement_id = $2 AND kind = $3 FOR UPDATE',
      [answer.alertId, answer.placementId, answer.kind],
    );
    if (!alert) return { outcome: 'not-found' };
    if (alert.status === AlertStatus.RESOLVED) return { outcome: 'already-resolved' };
    await manager.query(
      `UPDATE alert
          SET status = 'RESOLVED', resolved_at = $2, resolved_by_id = $3, resolution_note = $4,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [answer.alertId, this.clock.now(), answer.resolvedById, answer.note],
    );
    return { outcome: 'resolved', before: { status: alert.status, version: alert.version } };
  }
}
