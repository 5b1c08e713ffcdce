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
@ReactsTo('placement.departed_non_procedural')
export class NonProceduralDepartureRule extends PlacementAlertRule {
  protected async condition(
    manager: EntityManager,
    placement: PlacementSnapshot,
  ): Promise<AlertCondition | null> {
    const dedupeKey = dedupeKeyOf(AlertKind.NON_PROCEDURAL_DEPARTURE, placement.id);
    // A placement departs once: an alert already raised for it, even one an officer resolved, is
    // the answer to this event, which a relay may offer again.
    const [raised] = await manager.query<unknown[]>('SELECT 1 FROM alert WHERE dedupe_key = $1 LIMIT 1', [
      dedupeKey,
    ]);
    if (placement.procedural || raised) return null;
    return {
      kind: AlertKind.NON_PROCEDURAL_DEPARTURE,
      severity: AlertSeverity.HIGH,
      placementId: placement.id,
      dedupeKey,
      reason: `Non-procedural departure: ${(await unmetConditions(manager, placement)).join('; ')}.`,
    };
  }
}

/**
 * Why a departure was not procedural, in words Lintas wrote: the system's own reasons, and each
 * unmet requirement by kind and status. An officer's note on a requirement may hold personal or
 * medical details, and alerts leave Lintas by webhook and e-mail, so notes are never quoted.
 */
async function unmetConditions(manager: EntityManager, placement: PlacementSnapshot): Promise<string[]> {
  const requirements = await manager.query<{ kind: string; status: string }[]>(
    `SELECT kind, status FROM requirement
      WHERE placement_id = $1 AND status NOT IN ('SATISFIED', 'WAIVED') ORDER BY kind`,
    [placement.id],
  );
  const systemReasons = placement.proceduralReasons.filter((reason) => !REQUIREMENT_REASON.test(reason));
  const unmet = requirements.map((requirement) => `${requirement.kind} ${requirement.status}`);
  const reasons = [
    ...systemReasons,
    ...(unmet.length > 0 ? [`requirements not met: ${unmet.join(', ')}`] : []),
  ];
  return reasons.length > 0 ? reasons : ['departure not cleared'];
}

/** How the rule engine words an unmet requirement: `KIND: <reason, perhaps an officer's note>`. */
const REQUIREMENT_REASON = /^[A-Z_]+: /;

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
    // Nobody is brought home who is home already: a worker who died after the return, or the remains.
    if (placement.returnedAt !== null) return null;
    // Nor asked for twice: an embassy reports a worker in its shelter while the repatriation is arranged.
    if (placement.stage === 'REPATRIATING') return null;
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
