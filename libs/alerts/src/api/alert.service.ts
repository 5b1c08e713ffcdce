import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AgencyKind,
  auditActor,
  isWithinJurisdiction,
  jurisdictionOf,
  Role,
  type Jurisdiction,
  type Principal,
} from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  Clock,
  ConflictError,
  decodeCursor,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  toConnection,
  type ConnectionShape,
} from '#lintas/core';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertFeed } from '../live/alert-feed.js';
import { writeResolution, type Resolution } from '../model/alert-ledger.js';
import { AlertKind, AlertStatus } from '../model/alert.enums.js';
import type { UserSummary } from './alert-relations.js';
import { AlertQueries, alertScope, type AlertListFilter, type AlertView } from './alert.queries.js';
import { filterMap } from './live-stream.js';

/**
 * Who handles alerts: acknowledges, assigns and resolves them. Auditors and partners read them only.
 * Not a limit on answering one: an embassy's partner or API key that turns a REPATRIATION_NEEDED
 * alert into a repatriation (`requestRepatriation` with `alertId`) resolves it, because embassies
 * arrange repatriations.
 */
export const ALERT_HANDLERS = [Role.ADMIN, Role.OFFICER, Role.LABOUR_OFFICER, Role.CASE_HANDLER] as const;

/** The most people `handlers` lists: an office has tens, the national agency a few hundred at most. */
const MAX_HANDLERS_LISTED = 500;

interface AssigneeRow {
  id: string;
  active: boolean;
  roles: Role[];
  agencyKind: AgencyKind;
  provinceCodes: string[];
  regencyCodes: string[];
  countryCodes: string[];
}

/**
 * Case handlers' work on alerts. Reads are scoped like the placement the alert is about; every
 * change locks the alert, checks its state and version, writes it with version + 1 and an audit
 * event in one transaction — so a refused change leaves nothing behind.
 */
@Injectable()
export class AlertService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly feed: AlertFeed,
  ) {}

  async get(principal: Principal, id: string): Promise<AlertView> {
    const alert = await this.queries(this.dataSource.manager, principal).byId(id);
    if (!alert) throw new NotFoundError('Alert', id, 'id');
    return alert;
  }

  list(
    principal: Principal,
    filter: AlertListFilter,
    first: number,
    after: string | undefined,
  ): Promise<ConnectionShape<AlertView>> {
    const cursor = decodeCursor(after);
    // One snapshot, so the count and the page agree while alerts are being raised.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { rows, totalCount } = await this.queries(manager, principal).page(filter, first, cursor);
      const keyed = rows.map((alert) => ({ id: alert.id, createdAt: alert.raisedAt, alert }));
      return toConnection(keyed, first, totalCount, (row) => row.alert);
    });
  }

  /**
   * Whom the caller can hand an alert to: the active people of the caller's own agency who handle
   * alerts, by name. Their jurisdiction is the caller's, so it covers every alert the caller sees;
   * other agencies receive an alert by its routing, not by hand.
   */
  handlers(principal: Principal): Promise<UserSummary[]> {
    return this.dataSource.query<UserSummary[]>(
      `SELECT id, display_name AS "displayName" FROM user_account
        WHERE agency_id = $1 AND active AND roles && $2::text[]
        ORDER BY display_name, id
        LIMIT ${MAX_HANDLERS_LISTED}`,
      [principal.agency.id, ALERT_HANDLERS],
    );
  }

  /** Seen and being handled. Acknowledging again changes nothing; a resolved alert is done with. */
  acknowledge(principal: Principal, id: string, version: number | undefined): Promise<AlertView> {
    return this.change(principal, id, async (manager, alert) => {
      if (alert.status === AlertStatus.RESOLVED) {
        throw new ConflictError(`Alert ${id} is resolved: there is nothing to acknowledge`);
      }
      if (alert.status === AlertStatus.ACKNOWLEDGED) return null;
      checkVersion(alert, version);
      const now = this.clock.now();
      await this.write(
        manager,
        alert,
        `status = '${AlertStatus.ACKNOWLEDGED}', acknowledged_at = $3, acknowledged_by_id = $4`,
        [now, principal.id],
      );
      return {
        action: 'alert.acknowledged',
        before: { status: alert.status },
        after: { status: AlertStatus.ACKNOWLEDGED, acknowledgedAt: now, acknowledgedById: principal.id },
      };
    });
  }

  /**
   * Hands the alert to someone who can act where it happened: an active user, with a role that
   * handles alerts, whose agency's jurisdiction covers it. Assigning acknowledges it too.
   */
  assign(principal: Principal, id: string, userId: string, version: number | undefined): Promise<AlertView> {
    return this.change(principal, id, async (manager, alert) => {
      if (alert.status === AlertStatus.RESOLVED) {
        throw new ConflictError(`Alert ${id} is resolved: it cannot be assigned`);
      }
      if (alert.assigneeId === userId && alert.status === AlertStatus.ACKNOWLEDGED) return null;
      checkVersion(alert, version);
      await this.checkAssignee(manager, alert, userId);
      const now = this.clock.now();
      await this.write(
        manager,
        alert,
        `status = '${AlertStatus.ACKNOWLEDGED}', assignee_id = $3, assigned_at = $4,
         acknowledged_at = COALESCE(acknowledged_at, $4), acknowledged_by_id = COALESCE(acknowledged_by_id, $5)`,
        [userId, now, principal.id],
      );
      return {
        action: 'alert.assigned',
        before: { status: alert.status, assigneeId: alert.assigneeId },
        after: { status: AlertStatus.ACKNOWLEDGED, assigneeId: userId, assignedAt: now },
      };
    });
  }

  /** Done with, and what was done. Lintas resolves some alerts itself; a person always leaves a note. */
  resolve(principal: Principal, id: string, note: string, version: number | undefined): Promise<AlertView> {
    const text = note.trim();
    if (text.length === 0) throw InvalidInputError.of('note', 'must not be blank');
    return this.change(principal, id, async (manager, alert) => {
      if (alert.status === AlertStatus.RESOLVED) {
        throw new ConflictError(`Alert ${id} is already resolved`);
      }
      checkVersion(alert, version);
      const resolution: Resolution = {
        status: AlertStatus.RESOLVED,
        resolvedAt: this.clock.now(),
        resolvedById: principal.id,
        resolutionNote: text,
      };
      await writeResolution(manager, alert, resolution);
      return { action: 'alert.resolved', before: { status: alert.status }, after: { ...resolution } };
    });
  }

  /**
   * The alerts raised or escalated from now on that the principal may see, as they come: each
   * message of the feed (every API replica hears every one, over Redis) is first judged by the
   * codes it carries, then read with the principal's scope, so what arrives is what `alert(id)`
   * would answer.
   */
  live(principal: Principal): AsyncIterableIterator<AlertView> {
    return filterMap(this.feed.messages(), async (message) =>
      placedWithin(principal.jurisdiction, message)
        ? this.queries(this.dataSource.manager, principal).byId(message.alertId)
        : undefined,
    );
  }

  private change(
    principal: Principal,
    id: string,
    apply: (manager: EntityManager, alert: AlertView) => Promise<AuditedChange | null>,
  ): Promise<AlertView> {
    // acknowledged_by_id and the like name user accounts: API keys (partners' systems) only read.
    if (principal.kind !== 'user') throw new ForbiddenError('Alerts are handled by people, not API keys');
    return this.dataSource.transaction(async (manager) => {
      // Locked first, so what the change is judged on is what it replaces.
      await manager.query('SELECT 1 FROM alert WHERE id = $1 FOR UPDATE', [id]);
      const before = await this.queries(manager, principal).byId(id);
      if (!before) throw new NotFoundError('Alert', id, 'id');
      const change = await apply(manager, before);
      if (!change) return before;
      const after = await this.queries(manager, principal).byId(id);
      if (!after) throw new NotFoundError('Alert', id, 'id');
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: change.action,
        entityType: 'alert',
        entityId: id,
        before: { ...change.before, version: before.version },
        after: { ...change.after, version: after.version },
      });
      return after;
    });
  }

  /** The statement itself checks the version: a concurrent change answers CONFLICT, never lost. */
  private async write(
    manager: EntityManager,
    alert: AlertView,
    set: string,
    params: unknown[],
  ): Promise<void> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE alert SET ${set}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
      [alert.id, alert.version, ...params],
    );
    if (affected !== 1) throw new ConflictError(`Alert ${alert.id} was changed meanwhile`, 'version');
  }

  private async checkAssignee(manager: EntityManager, alert: AlertView, userId: string): Promise<void> {
    const [user] = await manager.query<AssigneeRow[]>(
      `SELECT u.id, u.active, u.roles, g.kind AS "agencyKind", g.province_codes AS "provinceCodes",
              g.regency_codes AS "regencyCodes", g.country_codes AS "countryCodes"
         FROM user_account u JOIN agency g ON g.id = u.agency_id
        WHERE u.id = $1`,
      [userId],
    );
    if (!user?.active) throw InvalidInputError.of('userId', 'is not an active user');
    if (!user.roles.some((role) => (ALERT_HANDLERS as readonly Role[]).includes(role))) {
      throw InvalidInputError.of('userId', 'has no role that handles alerts');
    }
    const jurisdiction = jurisdictionOf({ ...user, kind: user.agencyKind });
    if (!placedWithin(jurisdiction, alert)) {
      throw InvalidInputError.of(
        'userId',
        'works for an agency whose jurisdiction does not cover this alert',
      );
    }
  }

  private queries(manager: EntityManager, principal: Principal): AlertQueries {
    return new AlertQueries(manager, alertScope(principal.jurisdiction));
  }
}

interface AuditedChange {
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

function checkVersion(alert: AlertView, version: number | undefined): void {
  if (version !== undefined && version !== alert.version) {
    throw new ConflictError(
      `Alert ${alert.id} is at version ${alert.version}, not ${version}: reload it and try again`,
      'version',
    );
  }
}

/**
 * The rule of alertScope, for an alert already read or a message of the live feed (judged by the
 * codes it carries, before anything is read).
 */
function placedWithin(
  jurisdiction: Jurisdiction,
  alert: {
    kind: string;
    originProvinceCode: string | null;
    originRegencyCode: string | null;
    destination: string | null;
  },
): boolean {
  if ((alert.kind as AlertKind) === AlertKind.DELIVERY_FAILED) return jurisdiction.national;
  return isWithinJurisdiction(jurisdiction, {
    provinceCode: alert.originProvinceCode ?? undefined,
    regencyCode: alert.originRegencyCode ?? undefined,
    countryCodes: alert.destination ? [alert.destination] : [],
  });
}
