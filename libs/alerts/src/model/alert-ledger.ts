import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { auditActor, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import { Clock, ConflictError } from '#lintas/core';
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

/** What answering an alert found: resolved now, resolved already, or none. */
export type AnsweredAlert = 'resolved' | 'already-resolved' | 'not-found';

/** What a resolution wrote, for the audit record. */
export interface Resolution {
  status: AlertStatus.RESOLVED;
  resolvedAt: Date;
  resolvedById: string | null;
  resolutionNote: string;
}

/**
 * Resolves an alert a person acted on, as read at `alert.version`. The statement itself checks the
 * version: a concurrent change answers CONFLICT, never lost.
 */
export async function writeResolution(
  manager: EntityManager,
  alert: { id: string; version: number },
  resolution: Resolution,
): Promise<void> {
  // TypeORM answers an UPDATE with [rows, count].
  const [, affected] = await manager.query<[unknown[], number]>(
    `UPDATE alert
        SET status = 'RESOLVED', resolved_at = $3, resolved_by_id = $4, resolution_note = $5,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [alert.id, alert.version, resolution.resolvedAt, resolution.resolvedById, resolution.resolutionNote],
  );
  if (affected !== 1) throw new ConflictError(`Alert ${alert.id} was changed meanwhile`, 'version');
}

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
    private readonly audit: AuditTrail,
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
   * A person acted on an alert of a placement that is not resolved yet (e.g. turned it into a
   * repatriation): the alert is resolved with a note saying what was done, and audited as a
   * person's `resolve` is, inside the caller's transaction. Answers what it found, so the
   * caller can refuse the action: no alert of that kind on that placement, or one resolved already.
   * The resolver is null when the actor is not a user (an API key); the audit names the key.
   */
  async resolveAsAnswered(
    manager: EntityManager,
    principal: Principal,
    answer: { alertId: string; placementId: string; kind: AlertKind; note: string },
  ): Promise<AnsweredAlert> {
    const [alert] = await manager.query<{ id: string; status: AlertStatus; version: number }[]>(
      'SELECT id, status, version FROM alert WHERE id = $1 AND placement_id = $2 AND kind = $3 FOR UPDATE',
      [answer.alertId, answer.placementId, answer.kind],
    );
    if (!alert) return 'not-found';
    if (alert.status === AlertStatus.RESOLVED) return 'already-resolved';
    const resolution: Resolution = {
      status: AlertStatus.RESOLVED,
      resolvedAt: this.clock.now(),
      // The column names a user account.
      resolvedById: principal.kind === 'user' ? principal.id : null,
      resolutionNote: answer.note,
    };
    await writeResolution(manager, alert, resolution);
    await this.audit.record(manager, {
      actor: auditActor(principal),
      action: 'alert.resolved',
      entityType: 'alert',
      entityId: alert.id,
      before: { status: alert.status, version: alert.version },
      after: { ...resolution, version: alert.version + 1 },
    });
    return 'resolved';
  }
}
