import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DISTRESS_STATUSES, PartnerStatus, TraffickingIndicator } from '#lintas/placement';
import { ReactsTo, type DomainEventJob, type DomainEventRule, type JobOutcome } from '#lintas/queue';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertLedger, dedupeKeyOf, type AlertCondition } from '../model/alert-ledger.js';
import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import { indicatorSeverity } from './indicator-severity.js';
import { placementSnapshot, wibDate, type PlacementSnapshot } from './placement-snapshot.js';

/**
 * What the rules below share: re-read the placement in a transaction, decide from what is true
 * now, and raise through the ledger (idempotent by dedupe key, so a repeated event adds nothing).
 */
abstract class PlacementAlertRule implements DomainEventRule {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: AlertLedger,
  ) {}

  onEvent(event: DomainEventJob): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await placementSnapshot(manager, event.aggregateId);
      const condition = placement && (await this.condition(manager, placement, event));
      if (!condition) return 'skipped';
      await this.ledger.raise(manager, condition);
      return 'done';
    });
  }

  protected abstract condition(
    manager: EntityManager,
    placement: PlacementSnapshot,
    event: DomainEventJob,
  ): Promise<AlertCondition | null>;
}

/** A departure nobody cleared, or a worker met abroad with no placement: where TPPO begins. */
@Injectable()
@ReactsTo('placement.departed_non_procedural', 'placement.reported_abroad')
export class NonProceduralDepartureRule extends PlacementAlertRule {
  protected async condition(
    _manager: EntityManager,
    placement: PlacementSnapshot,
  ): Promise<AlertCondition | null> {
    // A report of a worker whose placement was procedural is a contact, not a departure nobody checked.
    if (placement.procedural) return null;
    const reasons = placement.proceduralReasons.join('; ') || 'departure not cleared';
    return {
      kind: AlertKind.NON_PROCEDURAL_DEPARTURE,
      severity: AlertSeverity.HIGH,
      placementId: placement.id,
      dedupeKey: dedupeKeyOf(AlertKind.NON_PROCEDURAL_DEPARTURE, placement.id),
      reason: `Non-procedural departure: ${reasons}.`,
    };
  }
}

/** A welfare contact recorded signs of trafficking; the gravest sign sets the severity. */
@Injectable()
@ReactsTo('placement.trafficking_indicators')
export class TraffickingIndicatorsRule extends PlacementAlertRule {
  protected async condition(
    manager: EntityManager,
    placement: PlacementSnapshot,
    event: DomainEventJob,
  ): Promise<AlertCondition | null> {
    const [contact] = await manager.query<{ indicators: TraffickingIndicator[]; contactedAt: Date }[]>(
      `SELECT indicators, contacted_at AS "contactedAt" FROM welfare_contact
        WHERE placement_id = $1 AND cardinality(indicators) > 0 AND ($2::uuid IS NULL OR id = $2::uuid)
        ORDER BY created_at DESC LIMIT 1`,
      [placement.id, event.payload.welfareContactId ?? null],
    );
    if (!contact) return null;
    return {
      kind: AlertKind.TRAFFICKING_INDICATORS,
      severity: indicatorSeverity(contact.indicators),
      placementId: placement.id,
      dedupeKey: dedupeKeyOf(AlertKind.TRAFFICKING_INDICATORS, placement.id),
      reason: `Welfare contact of ${wibDate(contact.contactedAt)} recorded trafficking indicators: ${contact.indicators.join(', ')}.`,
    };
  }
}

/** The worker needs bringing home: detained, in a shelter, in hospital, facing deportation, or dead. */
@Injectable()
@ReactsTo('placement.distress_reported', 'placement.deceased')
export class RepatriationNeededRule extends PlacementAlertRule {
  protected async condition(
    _manager: EntityManager,
    placement: PlacementSnapshot,
  ): Promise<AlertCondition | null> {
    const status = placement.partnerStatus as PartnerStatus | null;
    const deceased = placement.stage === 'DECEASED';
    // The status may have changed again before this event was handled: only a present need raises.
    if (!deceased && !(status && DISTRESS_STATUSES.includes(status))) return null;
    const since = placement.partnerStatusAt ? ` since ${wibDate(placement.partnerStatusAt)}` : '';
    return {
      kind: AlertKind.REPATRIATION_NEEDED,
      severity: deceased ? AlertSeverity.CRITICAL : AlertSeverity.HIGH,
      placementId: placement.id,
      dedupeKey: dedupeKeyOf(AlertKind.REPATRIATION_NEEDED, placement.id),
      reason: deceased
        ? `Reported deceased${since}: the remains and the worker's rights must be brought home.`
        : `Partner reports ${status}${since}: repatriation needed.`,
    };
  }
}

/** A worker reported missing is the last rung of the missed check-in ladder: unreachable. */
@Injectable()
@ReactsTo('placement.missing')
export class WorkerMissingRule extends PlacementAlertRule {
  protected async condition(
    _manager: EntityManager,
    placement: PlacementSnapshot,
  ): Promise<AlertCondition | null> {
    if (placement.stage !== 'MISSING') return null;
    const since = placement.partnerStatusAt ? ` on ${wibDate(placement.partnerStatusAt)}` : '';
    return {
      kind: AlertKind.MISSED_CHECK_IN,
      severity: AlertSeverity.CRITICAL,
      placementId: placement.id,
      dedupeKey: dedupeKeyOf(AlertKind.MISSED_CHECK_IN, placement.id),
      reason: `Reported missing by a partner${since}: the worker is unreachable.`,
    };
  }
}

/** A former suspected trafficking victim registers a new placement (IOM tracks re-trafficking). */
@Injectable()
@ReactsTo('placement.re_trafficking_risk')
export class ReTraffickingRiskRule extends PlacementAlertRule {
  protected async condition(
    _manager: EntityManager,
    placement: PlacementSnapshot,
  ): Promise<AlertCondition | null> {
    if (['CANCELLED', 'CLOSED'].includes(placement.stage)) return null;
    return {
      kind: AlertKind.RE_TRAFFICKING_RISK,
      severity: AlertSeverity.HIGH,
      placementId: placement.id,
      dedupeKey: dedupeKeyOf(AlertKind.RE_TRAFFICKING_RISK, placement.id),
      reason:
        'The worker was a suspected trafficking victim in an earlier placement and is registered for a new one: check the recruiter and the job before clearance.',
    };
  }
}

export const placementAlertRules = [
  NonProceduralDepartureRule,
  TraffickingIndicatorsRule,
  RepatriationNeededRule,
  WorkerMissingRule,
  ReTraffickingRiskRule,
];
