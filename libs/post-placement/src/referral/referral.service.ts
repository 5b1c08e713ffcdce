import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgencyKind, auditActor, referralScope, Role, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import {
  Clock,
  ConflictError,
  decodeCursor,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  toConnection,
  type ConnectionShape,
} from '#lintas/core';
import { firstPerKey } from '#lintas/database';
import { indonesianDate, nextStage, Placement, PlacementStore } from '#lintas/pre-placement';
import type { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../change-recorder.js';
import { ReferralStatus, type ServiceKind } from '../post-placement.enums.js';
import { REINTEGRATION_ROLES } from '../post-placement.roles.js';
import { insertUnique } from '../unique-insert.js';
import { ReintegrationRefusal, Referral } from './referral.entity.js';
import { FINAL_REFERRAL_STATUSES, nextReferralStatus } from './referral-status.js';
import { ReferralQueries, type ReferralListFilter } from './referral.queries.js';

/** Rehabilitation runs at most a year after return (DESIGN.md), counted in WIB calendar days. */
const REHABILITATION_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who provides reintegration services: agencies at home. An embassy or partner abroad helps a
 * worker there; once home, the help comes from the social services, BP3MI, Disnaker or the national
 * agency.
 */
const HOME_AGENCY_KINDS: readonly AgencyKind[] = [
  AgencyKind.SOCIAL_SERVICE,
  AgencyKind.BP3MI,
  AgencyKind.DISNAKER,
  AgencyKind.NATIONAL,
];

export interface ReferralRequest {
  service: ServiceKind;
  agencyId: string | null;
  consentGiven: boolean;
  consentOverrideReason: string | null;
  note: string | null;
}

export interface ReferralUpdate {
  status: ReferralStatus;
  outcome: string | null;
  note: string | null;
}

export interface RefusalReport {
  services: ServiceKind[];
  refusedAt: Date;
  note: string | null;
}

/**
 * Reintegration: a returned worker referred to services — with consent, or a case handler's
 * override — the receiving agency's progress on each, and the worker's refusal.
 */
@Injectable()
export class ReferralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PlacementStore,
    private readonly recorder: ChangeRecorder,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** RETURNED or REINTEGRATING → REINTEGRATING, with a new referral. */
  refer(principal: Principal, placementId: string, request: ReferralRequest): Promise<Referral> {
    checkConsent(principal, request);
    return this.dataSource.transaction(async (manager) => {
      // No version: referrals are added while others are being worked on; the lock orders them.
      const placement = await this.store.lockForChange(manager, principal, placementId, undefined, 'ORIGIN');
      const stage = nextStage(placement.stage, 'refer');
      this.checkRehabilitationYear(placement);
      const agencyId = request.agencyId ?? principal.agency.id;
      if (request.agencyId) await requireHomeAgency(manager, request.agencyId);
      const now = this.clock.now();
      const referral = manager.create(Referral, {
        id: randomUUID(),
        placementId,
        service: request.service,
        agencyId,
        referredByAgencyId: principal.agency.id,
        status: ReferralStatus.REFERRED,
        consentGiven: request.consentGiven,
        consentOverrideReason: request.consentOverrideReason,
        note: request.note,
        outcome: null,
        referredByType: principal.kind,
        referredById: principal.id,
        referredAt: now,
        statusChangedAt: null,
        version: 1,
      });
      await insertUnique(manager, Referral, referral, 'referral_open_service_key', {
        message: `The placement has an open ${request.service} referral already: update that one`,
        path: 'input.service',
      });
      const after = await this.store.save(manager, placement, { stage });
      await this.recorder.record(manager, principal, {
        before: placement,
        after,
        event: 'referral.referred',
        detail: {
          referralId: referral.id,
          service: request.service,
          agencyId,
          consentOverridden: !request.consentGiven,
        },
        topic: 'placement.referred',
        payload: { referralId: referral.id },
        action: 'referral.referred',
        audit: { before: { stage: placement.stage }, after: { stage, referral } },
      });
      if (!request.consentGiven) {
        await this.audit.record(manager, {
          actor: auditActor(principal),
          action: 'referral.consent_overridden',
          entityType: 'placement',
          entityId: placementId,
          before: null,
          after: { referralId: referral.id, service: request.service, reason: request.consentOverrideReason },
        });
      }
      return manager.getRepository(Referral).findOneByOrFail({ id: referral.id });
    });
  }

  /**
   * The receiving agency (or the office of origin) moves a referral on. COMPLETED and DECLINED
   * carry the outcome. Checked against the referral's own version, when given. The placement's
   * timeline records every change; its version stays.
   */
  update(
    principal: Principal,
    id: string,
    version: number | undefined,
    update: ReferralUpdate,
  ): Promise<Referral> {
    const final = FINAL_REFERRAL_STATUSES.includes(update.status);
    if (final && !update.outcome) {
      throw InvalidInputError.of('input.outcome', `is required to mark a referral ${update.status}`);
    }
    if (!final && update.outcome) {
      throw InvalidInputError.of(
        'input.outcome',
        'is recorded only when a referral is COMPLETED or DECLINED',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.queries(manager, principal).forChange(id);
      if (!referral) throw new NotFoundError('Referral', id, 'id');
      if (!mayUpdate(principal, referral)) {
        throw new ForbiddenError(
          'Only the agency the referral is addressed to, or the office of origin, may update it',
        );
      }
      // Locked by forChange: what the check passes is what the change replaces.
      if (version !== undefined && referral.version !== version) {
        throw new ConflictError(
          `Referral ${id} is at version ${referral.version}, not ${version}: reload it and try again`,
          'version',
        );
      }
      const status = nextReferralStatus(referral.status, update.status);
      const changes: Partial<Referral> = {
        status,
        statusChangedAt: this.clock.now(),
        ...(update.outcome && { outcome: update.outcome }),
        ...(update.note && { note: update.note }),
      };
      await manager.update(Referral, { id }, { ...changes, version: () => 'version + 1' });
      // Read without scope: a service agency updates referrals of placements it cannot see.
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: referral.placementId });
      const event = `referral.${status.toLowerCase()}`;
      await this.recorder.record(manager, principal, {
        before: placement,
        after: placement,
        event,
        detail: { referralId: id, service: referral.service, status },
        topic: null,
        action: event,
        audit: {
          before: { referralId: id, status: referral.status, version: referral.version },
          after: { referralId: id, ...changes, version: referral.version + 1 },
        },
      });
      return manager.getRepository(Referral).findOneByOrFail({ id });
    });
  }

  /** The worker refused reintegration services: recorded, so the case is not chased as overdue. */
  recordRefusal(
    principal: Principal,
    placementId: string,
    version: number,
    report: RefusalReport,
  ): Promise<Placement> {
    this.store.refuseFuture(report.refusedAt, 'input.refusedAt');
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      nextStage(placement.stage, 'recordReintegrationRefusal');
      if (placement.returnedAt && report.refusedAt < placement.returnedAt) {
        throw InvalidInputError.of('input.refusedAt', 'is before the worker returned');
      }
      const refusal = manager.create(ReintegrationRefusal, {
        id: randomUUID(),
        placementId,
        services: report.services,
        refusedAt: report.refusedAt,
        note: report.note,
        recordedByType: principal.kind,
        recordedById: principal.id,
      });
      await manager.insert(ReintegrationRefusal, refusal);
      const after = await this.store.save(manager, placement, {});
      await this.recorder.record(manager, principal, {
        before: placement,
        after,
        event: 'reintegration_refused',
        detail: { refusalId: refusal.id, services: report.services },
        topic: 'placement.reintegration_refused',
        payload: { refusalId: refusal.id },
        action: 'placement.reintegration_refused',
        audit: { before: null, after: refusal },
      });
      return after;
    });
  }

  async get(principal: Principal, id: string): Promise<Referral> {
    const referral = await this.queries(this.dataSource.manager, principal).byId(id);
    if (!referral) throw new NotFoundError('Referral', id, 'id');
    return referral;
  }

  list(
    principal: Principal,
    filter: ReferralListFilter,
    first: number,
    after: string | undefined,
  ): Promise<ConnectionShape<Referral>> {
    const cursor = decodeCursor(after);
    // One snapshot, so the count and the page agree while referrals are being made.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { rows, totalCount } = await this.queries(manager, principal).page(filter, first, cursor);
      const keyed = rows.map((referral) => ({ id: referral.id, createdAt: referral.referredAt, referral }));
      return toConnection(keyed, first, totalCount, (row) => row.referral);
    });
  }

  /** The newest `limit` referrals of each of these placements that the principal may see, newest first. */
  referralsOf(principal: Principal, placementIds: readonly string[], limit: number): Promise<Referral[]> {
    return this.queries(this.dataSource.manager, principal).ofPlacements(
      placementIds,
      limit,
      referralScope(principal, 'x', 'xp'),
    );
  }

  /** The newest `limit` refusals of each of these placements, newest first. */
  refusalsOf(placementIds: readonly string[], limit: number): Promise<ReintegrationRefusal[]> {
    return this.dataSource
      .getRepository(ReintegrationRefusal)
      .createQueryBuilder('f')
      .where(
        firstPerKey('f', 'placementIds', {
          table: 'reintegration_refusal',
          keyColumn: 'placement_id',
          order: 'x.refused_at DESC, x.id DESC',
          limit,
        }),
        { placementIds },
      )
      .orderBy('f.refused_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .getMany();
  }

  private queries(manager: EntityManager, principal: Principal): ReferralQueries {
    return new ReferralQueries(manager, referralScope(principal));
  }

  /**
   * PRECONDITION_FAILED a year after the return: rehabilitation is over by then. Days are WIB
   * calendar days, as the REINTEGRATION_OVERDUE sweep counts them: the 365th day after the return
   * is allowed whatever the hour.
   */
  private checkRehabilitationYear(placement: Placement): void {
    if (!placement.returnedAt) return;
    const days =
      (Date.parse(indonesianDate(this.clock.now())) - Date.parse(indonesianDate(placement.returnedAt))) /
      DAY_MS;
    if (days > REHABILITATION_DAYS) {
      throw new PreconditionFailedError(
        `Rehabilitation runs at most ${REHABILITATION_DAYS} days after return: the worker returned ${days} days ago`,
        [
          {
            kind: 'REHABILITATION_PERIOD',
            returnedAt: placement.returnedAt.toISOString(),
            reason: `returned more than ${REHABILITATION_DAYS} days ago`,
          },
        ],
      );
    }
  }
}

/**
 * Without the worker's consent a referral goes ahead only on a case handler's word, with the
 * reason; with consent there is nothing to override.
 */
function checkConsent(principal: Principal, request: ReferralRequest): void {
  if (request.consentGiven) {
    if (request.consentOverrideReason !== null) {
      throw InvalidInputError.of(
        'input.consentOverrideReason',
        'is given only when the worker did not consent',
      );
    }
    return;
  }
  if (!principal.roles.includes(Role.CASE_HANDLER)) {
    throw new ForbiddenError('Only a CASE_HANDLER may refer a worker without their consent');
  }
  if (request.consentOverrideReason === null) {
    throw InvalidInputError.of(
      'input.consentOverrideReason',
      'is required to refer a worker without their consent',
    );
  }
}

/** BAD_USER_INPUT unless the agency is known and at home (HOME_AGENCY_KINDS). */
async function requireHomeAgency(manager: EntityManager, agencyId: string): Promise<void> {
  const [agency] = await manager.query<{ kind: AgencyKind }[]>('SELECT kind FROM agency WHERE id = $1', [
    agencyId,
  ]);
  if (!agency) throw InvalidInputError.of('input.agencyId', 'is not an agency known to Lintas');
  if (!HOME_AGENCY_KINDS.includes(agency.kind)) {
    throw InvalidInputError.of(
      'input.agencyId',
      `is an agency of kind ${agency.kind}: refer to an agency at home (${HOME_AGENCY_KINDS.join(', ')})`,
    );
  }
}

/**
 * The agency a referral is addressed to updates it (any role the resolver lets in). The referral was
 * found in the caller's scope, so anyone else is of the placement's origin, and updates it only in
 * a role that follows reintegration.
 */
function mayUpdate(principal: Principal, referral: Referral): boolean {
  return (
    referral.agencyId === principal.agency.id ||
    REINTEGRATION_ROLES.some((role) => principal.roles.includes(role))
  );
}
