import { AlertKind, AlertSeverity, AlertStatus, dedupeKeyOf } from '#lintas/alerts';
import type { Actor } from './demo-cast.js';
import { demoId, type DemoRandom } from './demo-random.js';
import type { DemoRow } from './demo-tables.js';
import { DAY, HOUR, later, MINUTE } from './demo-time.js';
import { RESOLUTION_NOTES } from './demo-vocabulary.js';

export interface AlertDraft {
  kind: AlertKind;
  row: DemoRow<'alert'>;
  /** Whether people act on it (acknowledge, assign, resolve with a note), or Lintas settles it. */
  handledByPeople: boolean;
}

const SEVERITY_ORDER = [AlertSeverity.LOW, AlertSeverity.MEDIUM, AlertSeverity.HIGH, AlertSeverity.CRITICAL];

/**
 * The alerts of one placement, raised, escalated and resolved as the rules, the sweeps and the
 * people handling them would have: one open alert per condition (its dedupe key), a graver
 * sighting escalating the open one, the system's own resolutions noted as the rules note them.
 */
export class AlertBook {
  private readonly alerts: AlertDraft[] = [];

  constructor(
    private readonly seed: number,
    private readonly placementName: string,
    private readonly placementId: string,
    private readonly rng: DemoRandom,
  ) {}

  /** An event rule's alert, raised by the worker a few seconds after the event that called for it. */
  raise(
    kind: AlertKind,
    severity: AlertSeverity,
    at: Date,
    reason: string,
    handledByPeople: boolean,
  ): AlertDraft {
    return this.record(kind, severity, later(at, this.rng.int(2, 40) * 1000), reason, handledByPeople);
  }

  /**
   * A time rule's alert, raised (or the open one escalated) by the sweep that ran at `at`; `detail`
   * is the third part of the dedupe key (the document of DOCUMENT_EXPIRING).
   */
  sweep(
    kind: AlertKind,
    severity: AlertSeverity,
    at: Date,
    reason: string,
    handledByPeople: boolean,
    detail?: string,
  ): AlertDraft {
    return this.record(kind, severity, at, reason, handledByPeople, detail);
  }

  private record(
    kind: AlertKind,
    severity: AlertSeverity,
    raisedAt: Date,
    reason: string,
    handledByPeople: boolean,
    detail?: string,
  ): AlertDraft {
    const open = this.open(kind, detail);
    if (open) {
      open.handledByPeople ||= handledByPeople;
      if (this.graver(open, severity)) this.escalate(open, severity, raisedAt, reason);
      return open;
    }
    const draft: AlertDraft = {
      kind,
      handledByPeople,
      row: {
        id: demoId(
          this.seed,
          `${this.placementName}/alert/${kind}${detail ? `/${detail}` : ''}/${raisedAt.getTime()}`,
        ),
        kind,
        severity,
        status: AlertStatus.OPEN,
        placement_id: this.placementId,
        subject_alert_id: null,
        dedupe_key: dedupeKeyOf(kind, this.placementId, detail),
        reason,
        raised_at: raisedAt,
        escalated_at: null,
        acknowledged_at: null,
        acknowledged_by_id: null,
        assignee_id: null,
        assigned_at: null,
        resolved_at: null,
        resolved_by_id: null,
        resolution_note: null,
        created_at: raisedAt,
        updated_at: raisedAt,
        version: 1,
      },
    };
    this.alerts.push(draft);
    return draft;
  }

  /** Whether `severity` is graver than the alert's own. */
  graver(alert: AlertDraft, severity: AlertSeverity): boolean {
    return SEVERITY_ORDER.indexOf(severity) > SEVERITY_ORDER.indexOf(alert.row.severity as AlertSeverity);
  }

  escalate(alert: AlertDraft, severity: AlertSeverity, at: Date, reason: string): void {
    Object.assign(alert.row, { severity, reason, escalated_at: at });
    this.changed(alert, at);
  }

  /** The open alert of a condition (its dedupe key), if any. */
  open(kind: AlertKind, detail?: string): AlertDraft | undefined {
    const key = dedupeKeyOf(kind, this.placementId, detail);
    return this.alerts.find((alert) => alert.row.dedupe_key === key && alert.row.resolved_at === null);
  }

  /** Lintas resolves the open alerts of these kinds itself: their condition is gone. */
  resolveBySystem(kinds: readonly AlertKind[], at: Date, note: string): void {
    for (const alert of this.alerts) {
      if (kinds.includes(alert.kind) && alert.row.resolved_at === null) this.resolve(alert, at, null, note);
    }
  }

  /** A person acknowledged the alert within a couple of days, then resolved it with a note. */
  resolveByPerson(alert: AlertDraft, at: Date, actor: Actor, note: string): void {
    if (alert.row.resolved_at !== null) return;
    const acknowledgedAt = Math.min(
      at.getTime() - MINUTE,
      alert.row.raised_at.getTime() + this.rng.int(1, 48) * HOUR,
    );
    this.acknowledge(alert, new Date(acknowledgedAt), actor);
    this.resolve(alert, at, actor.type === 'user' ? actor.id : null, note);
  }

  /**
   * Before a case is closed its handler settles whatever people still had open on it (a broker's
   * departure looked into, indicators followed up), so a closed placement carries no open alert.
   */
  resolveBeforeClosing(closedAt: Date, caseHandler: Actor, note: () => string): void {
    for (const alert of this.alerts) {
      if (alert.row.resolved_at !== null || !alert.handledByPeople) continue;
      const at = Math.max(
        alert.row.raised_at.getTime() + 2 * MINUTE,
        closedAt.getTime() - this.rng.int(10, 120) * MINUTE,
      );
      this.resolveByPerson(alert, new Date(Math.min(at, closedAt.getTime() - 1000)), caseHandler, note());
    }
  }

  /** A repatriation, or another act, answered the alert; the column names a user only. */
  resolve(alert: AlertDraft, at: Date, byUserId: string | null, note: string): void {
    Object.assign(alert.row, {
      status: AlertStatus.RESOLVED,
      resolved_at: at,
      resolved_by_id: byUserId,
      resolution_note: note,
    });
    this.changed(alert, at);
  }

  /**
   * Today's state of the alerts people act on: a non-procedural departure of weeks ago was looked
   * into and resolved by the officer; any other alert still open may have been acknowledged, and
   * then perhaps assigned to the case handler. Answers every alert's row.
   */
  finish(now: Date, officer: Actor, caseHandler: Actor): DemoRow<'alert'>[] {
    for (const alert of this.alerts) {
      const { row } = alert;
      if (row.resolved_at !== null || !alert.handledByPeople) continue;
      const age = (now.getTime() - row.raised_at.getTime()) / DAY;
      if (alert.kind === AlertKind.NON_PROCEDURAL_DEPARTURE && age > 45 && this.rng.chance(0.85)) {
        const settledAt = later(row.raised_at, this.rng.between(1, 25) * DAY);
        this.resolveByPerson(alert, settledAt, officer, this.rng.pick(RESOLUTION_NOTES.nonProcedural));
        continue;
      }
      if (!this.rng.chance(0.6)) continue;
      const acknowledgedAt = later(row.raised_at, this.rng.between(0.02, Math.min(3, age * 0.5)) * DAY);
      if (acknowledgedAt >= now) continue;
      this.acknowledge(alert, acknowledgedAt, this.rng.chance(0.5) ? caseHandler : officer);
      const assignedAt = later(acknowledgedAt, this.rng.int(5, 120) * MINUTE);
      if (this.rng.chance(0.5) && assignedAt < now) {
        Object.assign(row, { assignee_id: caseHandler.id, assigned_at: assignedAt });
        this.changed(alert, assignedAt);
      }
    }
    return this.alerts.map((alert) => alert.row);
  }

  private acknowledge(alert: AlertDraft, at: Date, actor: Actor): void {
    if (alert.row.acknowledged_at || actor.type !== 'user' || at <= alert.row.raised_at) return;
    Object.assign(alert.row, {
      status: AlertStatus.ACKNOWLEDGED,
      acknowledged_at: at,
      acknowledged_by_id: actor.id,
    });
    this.changed(alert, at);
  }

  private changed(alert: AlertDraft, at: Date): void {
    alert.row.version += 1;
    if (at > alert.row.updated_at) alert.row.updated_at = at;
  }
}
