import {
  AlertKind,
  AlertSeverity,
  CONTRACT_ENDED_AFTER_DAYS,
  CONTRACT_ENDING_WITHIN_DAYS,
  DOCUMENT_EXPIRED_LOOKBACK_DAYS,
  DOCUMENT_EXPIRING_WITHIN_DAYS,
  MISSED_CHECK_IN_LADDER,
  REINTEGRATION_DUE_AFTER_DAYS,
} from '#lintas/alerts';
import {
  ContactChannel,
  PartnerStatus,
  schedule,
  type CheckInPolicy,
  type TraffickingIndicator,
} from '#lintas/placement';
import {
  HealthOnArrival,
  ReferralStatus,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  ReturnKind,
  ServiceKind,
} from '#lintas/post-placement';
import {
  evaluatePlacement,
  indonesianDate,
  PlacementStage,
  RecruiterStatus,
  RequirementKind,
  RequirementStatus,
  Sector,
  VisaType,
  type Evaluation,
  type PlacementFacts,
  type PlacementRule,
  type RecordedRequirement,
} from '#lintas/pre-placement';
import { AlertBook, type AlertDraft } from './demo-alert-book.js';
import type { Actor, DemoCast, DemoRecruiter, Regency } from './demo-cast.js';
import { evidenceFor, RECORDING_ORDER } from './demo-checklist.js';
import { demoId, DemoRandom } from './demo-random.js';
import type { DemoRow, DemoTables } from './demo-tables.js';
import { addDays, DAY, HOUR, isoDay, MINUTE, plusMonths, wibDate, wibDayStart } from './demo-time.js';
import {
  CANCELLATION_REASONS,
  CLOSURE_OUTCOMES,
  DECEASED_CLOSURE,
  DECLINED_OUTCOME,
  DEPARTURE_PORTS,
  INDICATOR_SIGHTINGS,
  NUNUKAN,
  PORTS_OF_ENTRY,
  REFERRAL_OUTCOMES,
  REFUSAL_NOTES,
  RESOLUTION_NOTES,
  WELLBEING_GOOD,
  type Opening,
} from './demo-vocabulary.js';

/** How a placement's cycle is meant to go; where it stands today follows from when it began. */
export type Fate =
  | 'ordinary'
  | 'overstay'
  | 'cancelled'
  | 'nonProcedural'
  | 'distress'
  | 'trafficked'
  | 'deceased'
  | 'missing';

export interface DemoWorker {
  id: string;
  nik: string;
  fullName: string;
  sex: 'FEMALE' | 'MALE';
  dateOfBirth: string;
  regency: Regency;
}

export interface PlacementPlan {
  /** Stable name of the placement in the data set: its ids and its chances derive from it. */
  name: string;
  worker: DemoWorker;
  opening: Opening;
  fate: Fate;
  registeredAt: Date;
  recruiter: DemoRecruiter | null;
  reTraffickingRisk: boolean;
}

export interface StoryEnd {
  stage: PlacementStage;
  /** When the worker could register a new placement (the cycle closed or was cancelled). */
  freeFrom: Date | null;
  suspectedVictim: boolean;
  passportNumber: string | null;
}

/** What every story reads and writes. */
export interface StoryWorld {
  seed: number;
  now: Date;
  policy: CheckInPolicy;
  graceDays: number;
  cast: DemoCast;
  rules: (destination: string, sector: Sector) => PlacementRule[];
  /** Placements already counted against each recruitment permit, by permit number. */
  permitUse: Map<string, number>;
  tables: DemoTables;
  /** Seals a requirement's document number as the requirement table stores it. */
  sealDocumentNumber: (documentNumber: string) => string;
}

/** Kinds Lintas resolves by itself when the worker comes home (WorkerReturnedRule). */
const RESOLVED_ON_RETURN = [
  AlertKind.REPATRIATION_NEEDED,
  AlertKind.CONTRACT_ENDING,
  AlertKind.MISSED_CHECK_IN,
  AlertKind.DOCUMENT_EXPIRING,
];

/** The missed check-in ladder of the sweep, in days overdue. */
const LADDER = [
  { days: MISSED_CHECK_IN_LADDER.highAfterDays, severity: AlertSeverity.HIGH },
  { days: MISSED_CHECK_IN_LADDER.criticalAfterDays, severity: AlertSeverity.CRITICAL },
];

/** The stages the time rules watch as abroad (the sweeps' ABROAD and ABROAD_NOT_REPATRIATING). */
const ABROAD = [PlacementStage.DEPARTED, PlacementStage.PLACED, PlacementStage.REPATRIATING];
const ABROAD_NOT_REPATRIATING = [PlacementStage.DEPARTED, PlacementStage.PLACED];

/** The documents whose expiry the document-expiring sweep watches, as its reasons name them. */
const WATCHED_DOCUMENTS = [
  { kind: RequirementKind.PASSPORT_VALID, name: 'Passport' },
  { kind: RequirementKind.WORK_VISA, name: 'Work visa' },
] as const;

/** A number of days as the sweeps' reasons say it. */
const dayCount = (days: number): string => (days === 1 ? '1 day' : `${days} days`);

/** Whole days from one calendar day to another. */
const daysFrom = (from: string, to: string): number =>
  Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY);

/**
 * One placement's cycle, told forward from its registration: each step is written as the service
 * that owns it would write it (the row, the timeline entry, the alert the rule would raise), and
 * the telling stops at `now`. The stage a placement is at today is simply where its story got to.
 */
export class PlacementStory {
  private readonly rng: DemoRandom;
  private readonly p: DemoRow<'placement'>;
  private readonly officer: Actor;
  private readonly caseHandler: Actor;
  private readonly mission: Actor;
  private recorded: RecordedRequirement[] = [];
  private recordedAt = new Map<RequirementKind, Date>();
  private evaluation!: Evaluation;
  private evaluatedAt!: Date;
  private permitsUsed: Map<string, number>;
  private last: Date;
  private readonly indicatorsSeenAt: Date[] = [];
  private readonly alerts: AlertBook;
  private passportNumber: string | null = null;
  private stopped = false;
  /** When a repatriation was requested: the contract rules stop watching then, the others do not. */
  private repatriatingFrom: Date | null = null;
  /** Whether the time rules' view of this placement abroad has been written (once, when it leaves). */
  private contractsSwept = false;
  private documentsSwept = false;

  constructor(
    private readonly world: StoryWorld,
    private readonly plan: PlacementPlan,
  ) {
    this.rng = DemoRandom.of(world.seed, plan.name);
    this.officer = world.cast.user('petugas.bp3mi');
    this.caseHandler = world.cast.user('pendamping.kasus');
    const city = this.rng.pick(plan.opening.cities);
    this.mission = world.cast.embassy(plan.opening.destination, city);
    this.last = plan.registeredAt;
    this.permitsUsed = new Map();
    this.p = this.terms(city);
    this.alerts = new AlertBook(world.seed, plan.name, this.p.id, this.rng);
  }

  /** The placement's stage as the rows hold it. */
  private get stage(): PlacementStage {
    return this.p.stage as PlacementStage;
  }

  tell(): StoryEnd {
    this.register();
    const fate = this.plan.fate;
    const procedural = !['nonProcedural', 'trafficked'].includes(fate) && this.plan.opening.procedural;
    if (procedural) this.prepareAndClear(fate === 'cancelled');
    else this.departWithoutClearance();
    // Still abroad today: the sweeps have watched the placement up to now.
    this.leaveAbroad(this.world.now);
    this.world.tables.alert.push(...this.alerts.finish(this.world.now, this.officer, this.caseHandler));
    this.world.tables.placement.push(this.p);
    this.writeRequirements();
    return {
      stage: this.stage,
      // A worker who died abroad never registers again, however the case was closed.
      freeFrom:
        this.p.partner_status === PartnerStatus.DECEASED
          ? null
          : this.stage === PlacementStage.CLOSED
            ? this.p.closed_at
            : this.stage === PlacementStage.CANCELLED
              ? this.p.updated_at
              : null,
      suspectedVictim: this.p.suspected_trafficking_victim,
      passportNumber: this.passportNumber,
    };
  }

  // ---- pra penempatan ----

  private terms(city: string): DemoRow<'placement'> {
    const { opening, worker, recruiter, fate } = this.plan;
    const plannedDeparture = new Date(this.plan.registeredAt.getTime() + this.rng.int(45, 100) * DAY);
    plannedDeparture.setUTCHours(1, 0, 0, 0);
    const contractStart = addDays(isoDay(plannedDeparture), 2);
    const brokered = !opening.procedural || fate === 'nonProcedural' || fate === 'trafficked';
    const visaType = brokered
      ? this.rng.weighted<VisaType>([
          [VisaType.VISIT, 5],
          [opening.destination === 'SA' ? VisaType.UMRAH : VisaType.TOURIST, 3],
          [VisaType.WORK, 2],
        ])
      : VisaType.WORK;
    return {
      id: demoId(this.world.seed, this.plan.name),
      worker_id: worker.id,
      origin_province_code: worker.regency.code.slice(0, 2),
      origin_regency_code: worker.regency.code,
      destination: opening.destination,
      destination_city: city,
      sector: opening.sector,
      employer_type: opening.employerType,
      employer_name: this.rng.pick(opening.employers),
      job_title: this.rng.pick(opening.jobs),
      recruiter_id: recruiter?.id ?? null,
      scheme: opening.scheme,
      visa_type: visaType,
      contract_start: contractStart,
      contract_end: addDays(plusMonths(contractStart, opening.contractMonths), -1),
      planned_departure_at: plannedDeparture,
      departed_at: null,
      departure_port: null,
      stage: PlacementStage.REGISTERED,
      procedural: false,
      procedural_reasons: [],
      rule_set_version: '',
      re_trafficking_risk: this.plan.reTraffickingRisk,
      suspected_trafficking_victim: false,
      cancellation_reason: null,
      arrived_at: null,
      partner_status: null,
      partner_status_at: null,
      last_reached_contact_at: null,
      next_check_in_due_at: null,
      risk_level: null,
      risk_reasons: [],
      returned_at: null,
      closed_at: null,
      closure_outcome: null,
      created_at: this.plan.registeredAt,
      updated_at: this.plan.registeredAt,
      version: 0,
    };
  }

  private register(): void {
    const at = this.plan.registeredAt;
    const { recruiter, opening } = this.plan;
    if (recruiter) {
      // First come, first served: this placement counts against every permit valid on its day.
      for (const permit of recruiter.permits) {
        if (permit.destination !== opening.destination) continue;
        this.permitsUsed.set(permit.permitNumber, this.world.permitUse.get(permit.permitNumber) ?? 0);
        const day = isoDay(at);
        if (day >= permit.validFrom && day <= permit.validUntil && this.plan.fate !== 'cancelled') {
          this.world.permitUse.set(
            permit.permitNumber,
            (this.world.permitUse.get(permit.permitNumber) ?? 0) + 1,
          );
        }
      }
    }
    this.evaluate(at, this.plannedDay());
    this.step(at, 'registered', PlacementStage.REGISTERED, this.officer, {
      procedural: this.evaluation.procedural,
      destinationDecision: this.evaluation.destination.decision,
      ruleSetVersion: this.evaluation.ruleSetVersion,
    });
    if (this.plan.reTraffickingRisk) {
      const alert = this.alerts.raise(
        AlertKind.RE_TRAFFICKING_RISK,
        AlertSeverity.HIGH,
        at,
        'The worker was a suspected trafficking victim in an earlier placement and is registered for a new one: check the recruiter and the job before clearance.',
        true,
      );
      const checked = new Date(at.getTime() + this.rng.int(2, 20) * DAY);
      // A check still ahead today leaves the alert open; the preparations go on meanwhile.
      if (this.happened(checked, false)) {
        this.alerts.resolveByPerson(
          alert,
          checked,
          this.officer,
          this.rng.pick(RESOLUTION_NOTES.reTrafficking),
        );
      }
    }
  }

  /** The officer works through the checklist, then clears the departure (or the cycle is cancelled). */
  private prepareAndClear(cancelled: boolean): void {
    const planned = this.p.planned_departure_at ?? this.plan.registeredAt;
    const clearAt = new Date(planned.getTime() - this.rng.int(3, 10) * DAY + this.rng.int(0, 6) * HOUR);
    const cancelAt = cancelled
      ? new Date(
          this.plan.registeredAt.getTime() +
            this.rng.between(5, (0.9 * (clearAt.getTime() - this.plan.registeredAt.getTime())) / DAY) * DAY,
        )
      : null;
    const reason = cancelAt ? this.rng.pick(CANCELLATION_REASONS) : null;
    const failing = reason === CANCELLATION_REASONS[1] ? RequirementKind.MEDICAL_FIT : null;
    if (!this.recordChecklist(RECORDING_ORDER, cancelAt ?? clearAt, failing)) return;
    if (cancelAt && reason) {
      this.cancel(cancelAt, reason);
      return;
    }
    if (!this.happened(clearAt)) return;
    this.evaluate(clearAt, this.plannedDay());
    if (!this.evaluation.procedural) {
      throw new Error(
        `demo placement ${this.plan.name} cannot be cleared: ${this.evaluation.proceduralReasons.join('; ')}`,
      );
    }
    this.step(clearAt, 'clear', PlacementStage.CLEARED, this.officer, this.decision());
    const departAt = new Date(planned.getTime() + this.rng.int(0, 2) * DAY + this.rng.int(0, 9) * HOUR);
    if (!this.happened(departAt)) return;
    this.evaluate(departAt, indonesianDate(departAt));
    this.p.procedural = this.evaluation.procedural;
    this.p.departed_at = departAt;
    this.p.departure_port = this.rng.pick(DEPARTURE_PORTS);
    this.step(departAt, 'depart', PlacementStage.DEPARTED, this.officer, this.decision());
    if (!this.p.procedural) this.nonProceduralAlert(departAt);
    this.arrive(new Date(departAt.getTime() + this.rng.int(10, 30) * HOUR));
  }

  /** A broker's departure: a few papers, no clearance, often a visit visa or a banned route. */
  private departWithoutClearance(): void {
    const departAt = new Date(
      this.plan.registeredAt.getTime() + this.rng.int(3, 40) * DAY + this.rng.int(0, 9) * HOUR,
    );
    if (!this.recordChecklist(RECORDING_ORDER.slice(0, this.rng.int(0, 5)), departAt, null)) return;
    if (!this.happened(departAt)) return;
    this.evaluate(departAt, indonesianDate(departAt));
    this.p.procedural = false;
    this.p.procedural_reasons = [
      'departed without clearance for departure',
      ...this.evaluation.proceduralReasons,
    ];
    this.p.departed_at = departAt;
    this.p.departure_port = this.plan.opening.destination === 'MY' ? NUNUKAN : this.rng.pick(DEPARTURE_PORTS);
    this.step(departAt, 'depart', PlacementStage.DEPARTED, this.officer, {
      procedural: false,
      reasons: this.p.procedural_reasons,
      ruleSetVersion: this.evaluation.ruleSetVersion,
    });
    this.nonProceduralAlert(departAt);
    // Half of them are never confirmed by a mission: nobody knows where the worker went to work.
    if (this.rng.chance(0.5)) this.arrive(new Date(departAt.getTime() + this.rng.int(5, 90) * DAY));
    else this.abroad(null);
  }

  /**
   * The officer records evidence for `kinds`, spread evenly from the registration to `until`, the
   * `failing` one as FAILED (and stops there). The engine judges each kind on its own evidence, so
   * the decision one evaluation after the last recording makes for a kind is the one the service
   * wrote right after recording it. False when today came first.
   */
  private recordChecklist(
    kinds: readonly RequirementKind[],
    until: Date,
    failing: RequirementKind | null,
  ): boolean {
    const start = this.plan.registeredAt.getTime();
    const span = until.getTime() - start;
    const entries: { kind: RequirementKind; detail: Record<string, unknown> }[] = [];
    let lastAt = this.plan.registeredAt;
    let reachedUntil = true;
    for (const [index, kind] of kinds.entries()) {
      const at = new Date(start + ((index + 1) / (kinds.length + 1)) * span);
      if (!this.happened(at)) {
        reachedUntil = false;
        break;
      }
      const status = kind === failing ? RequirementStatus.FAILED : RequirementStatus.SATISFIED;
      const evidence = evidenceFor(this.rng, kind, status, at, {
        plannedDay: this.plannedDay(),
        contractEnd: this.p.contract_end,
        destination: this.plan.opening.destination,
        regencyName: this.plan.worker.regency.name,
        missionName: this.mission.agencyName,
        recruiterName: this.plan.recruiter?.name ?? null,
        employerName: this.p.employer_name,
      });
      this.recorded.push(evidence);
      this.recordedAt.set(kind, at);
      if (kind === RequirementKind.PASSPORT_VALID) this.passportNumber = evidence.documentNumber;
      const detail: Record<string, unknown> = { kind, recorded: status };
      this.step(at, 'requirement.recorded', this.stage, this.officer, detail);
      entries.push({ kind, detail });
      lastAt = at;
      if (kind === failing) break;
    }
    if (entries.length > 0) {
      this.evaluate(lastAt, this.plannedDay());
      for (const { kind, detail } of entries) {
        const decided = this.evaluation.requirements.find((requirement) => requirement.kind === kind);
        Object.assign(detail, { decided: decided?.status, reason: decided?.reason });
      }
    }
    return reachedUntil;
  }

  private cancel(at: Date, reason: string): void {
    if (!this.happened(at)) return;
    this.p.cancellation_reason = reason;
    this.step(at, 'cancel', PlacementStage.CANCELLED, this.officer, { reason });
  }

  // ---- masa penempatan ----

  private arrive(at: Date): void {
    if (!this.happened(at)) {
      this.abroad(null);
      return;
    }
    this.p.arrived_at = at;
    this.step(at, 'arrive', PlacementStage.PLACED, this.mission, { neverDeparted: false });
    this.saveSchedule(at);
    if (this.rng.chance(0.6)) {
      const working = new Date(at.getTime() + this.rng.int(2, 20) * DAY);
      // A report still ahead today is simply not written yet: life abroad goes on regardless.
      if (this.happened(working, false))
        this.reportStatus(working, PartnerStatus.WORKING, this.p.employer_name);
    }
    this.abroad(at);
  }

  /** Life abroad until the fate's turn, with its welfare contacts; then the way home. */
  private abroad(arrivedAt: Date | null): void {
    if (this.stopped) return;
    const departedAt = this.p.departed_at ?? this.plan.registeredAt;
    const contractEnd = wibDayStart(this.p.contract_end ?? isoDay(departedAt));
    const contractDays = (contractEnd.getTime() - departedAt.getTime()) / DAY;
    const fate = this.plan.fate;
    // The fate's turn comes after whatever has happened abroad so far (a late arrival, a first status).
    const when = (fromDays: number, toDays: number): Date =>
      new Date(
        Math.max(
          departedAt.getTime() + this.rng.between(fromDays, toDays) * DAY,
          this.last.getTime() + this.rng.between(1, 10) * DAY,
        ),
      );
    const placed = arrivedAt !== null;
    switch (fate) {
      case 'ordinary':
      case 'overstay': {
        const overstay = fate === 'overstay';
        const returnAt = new Date(
          contractEnd.getTime() + (overstay ? this.rng.int(25, 150) : this.rng.int(-10, 10)) * DAY,
        );
        if (!this.contacts(returnAt)) return;
        if (overstay && placed && this.rng.chance(0.5)) {
          this.repatriate(returnAt, RepatriationReason.CONTRACT_ENDED, [
            RepatriationNeed.FLIGHT,
            RepatriationNeed.DOCUMENTS,
          ]);
        } else this.comeHome(returnAt, null);
        return;
      }
      case 'nonProcedural': {
        const turn = this.rng.weighted([
          ['home', 5],
          ['deported', 3],
          ['quiet', 2],
        ] as const);
        if (turn === 'deported' && placed) {
          this.distress(when(60, contractDays * 0.9), PartnerStatus.DETAINED, RepatriationReason.DEPORTATION);
          return;
        }
        if (turn === 'quiet' && !this.goQuiet(when(40, contractDays * 0.6))) return;
        const returnAt = new Date(contractEnd.getTime() + this.rng.int(-10, 40) * DAY);
        if (this.contacts(returnAt)) this.comeHome(returnAt, null);
        return;
      }
      case 'distress': {
        const [status, reason] = this.rng.pick([
          [PartnerStatus.IN_SHELTER, RepatriationReason.ABUSE],
          [PartnerStatus.IN_SHELTER, RepatriationReason.UNPAID_WAGES],
          [PartnerStatus.HOSPITALISED, RepatriationReason.WORK_ACCIDENT_OR_ILLNESS],
          [PartnerStatus.DEPORTATION_PENDING, RepatriationReason.DEPORTATION],
        ] as const);
        this.distress(when(60, contractDays * 0.9), status, reason);
        return;
      }
      case 'trafficked': {
        const seenAt = when(15, Math.min(240, contractDays * 0.6));
        if (!this.contacts(seenAt)) return;
        const sighting = this.rng.pick(INDICATOR_SIGHTINGS);
        this.contact(seenAt, true, sighting.indicators, sighting.wellbeing);
        const alert = this.alerts.raise(
          AlertKind.TRAFFICKING_INDICATORS,
          sighting.severity,
          seenAt,
          `Welfare contact of ${wibDate(seenAt)} recorded trafficking indicators: ${sighting.indicators.join(', ')}.`,
          true,
        );
        if (!placed) {
          // Found by the mission: the arrival nobody confirmed is confirmed at the shelter.
          const foundAt = new Date(seenAt.getTime() + this.rng.int(1, 10) * DAY);
          if (!this.happened(foundAt)) return;
          this.p.arrived_at = foundAt;
          this.step(foundAt, 'arrive', PlacementStage.PLACED, this.mission, { neverDeparted: false });
          this.saveSchedule(foundAt);
        }
        const shelterAt = new Date(
          Math.max(seenAt.getTime(), this.p.arrived_at?.getTime() ?? 0) + this.rng.int(1, 21) * DAY,
        );
        const home = this.distress(shelterAt, PartnerStatus.IN_SHELTER, RepatriationReason.TRAFFICKING);
        if (home) {
          const handled = new Date(home.getTime() + this.rng.int(1, 5) * DAY);
          if (this.happened(handled, false))
            this.alerts.resolveByPerson(
              alert,
              handled,
              this.caseHandler,
              this.rng.pick(RESOLUTION_NOTES.trafficking),
            );
        }
        return;
      }
      case 'deceased': {
        const diedAt = when(30, contractDays * 0.95);
        if (!this.contacts(diedAt)) return;
        this.reportStatus(diedAt, PartnerStatus.DECEASED, null);
        this.alerts.raise(
          AlertKind.REPATRIATION_NEEDED,
          AlertSeverity.CRITICAL,
          diedAt,
          `Reported deceased since ${wibDate(diedAt)}: the remains and the worker's rights must be brought home.`,
          true,
        );
        this.remainsHome(new Date(diedAt.getTime() + this.rng.int(7, 40) * DAY));
        return;
      }
      case 'missing': {
        const lostAt = when(30, contractDays * 0.9);
        if (!this.contacts(lostAt)) return;
        this.reportStatus(lostAt, PartnerStatus.MISSING, null);
        this.alerts.raise(
          AlertKind.MISSED_CHECK_IN,
          AlertSeverity.CRITICAL,
          lostAt,
          `Reported missing by a partner on ${wibDate(lostAt)}: the worker is unreachable.`,
          true,
        );
        return;
      }
      case 'cancelled':
        return;
    }
  }

  /**
   * Welfare contacts from the last one up to `until`, each on or near its due date, now and then
   * late: the sweep's MISSED_CHECK_IN, raised and escalated as it would from the due date stored on
   * the placement, and resolved when a contact reaches the worker. False when the story reached
   * today first.
   */
  private contacts(until: Date, silentFrom: Date | null = null): boolean {
    for (;;) {
      // The sweep reads the stored due date; before a report stores one, the schedule still has one.
      const stored = this.p.next_check_in_due_at;
      const due = stored ?? this.scheduleAt(this.last).due;
      if (due === null) return this.happened(until);
      const silent = silentFrom !== null && due >= silentFrom;
      const late = silent || this.rng.chance(this.p.procedural ? 0.06 : 0.18);
      // Overdue once the due date lies more than the grace days behind the sweep's now.
      const overdueFrom = new Date(due.getTime() + this.world.graceDays * DAY + 1);
      const contactAt = late
        ? new Date(overdueFrom.getTime() + this.rng.between(0.5, 24) * DAY)
        : new Date(Math.max(this.last.getTime() + HOUR, due.getTime() - this.rng.between(0, 6) * DAY));
      const end = Math.min(until.getTime(), this.world.now.getTime());
      const reaches = !silent && contactAt.getTime() < end;
      // Until the contact that reaches the worker, or the end of this stretch of the story.
      const watchedUntil = reaches ? contactAt : until;
      if (stored !== null) {
        const seenAt = this.sweptAt(overdueFrom, watchedUntil);
        if (seenAt) {
          const days = Math.floor((seenAt.getTime() - due.getTime()) / DAY);
          this.alerts.sweep(
            AlertKind.MISSED_CHECK_IN,
            AlertSeverity.MEDIUM,
            seenAt,
            `Welfare check-in due on ${wibDate(due)} was missed (${dayCount(days)} overdue). Contact the worker.`,
            false,
          );
        }
        const open = this.alerts.open(AlertKind.MISSED_CHECK_IN);
        if (open) this.climbLadder(open, due, watchedUntil);
      }
      if (!reaches) {
        if (silent && this.rng.chance(0.7)) {
          const tried = new Date(due.getTime() + this.rng.between(1, 5) * DAY);
          if (tried.getTime() < end) this.contact(tried, false, [], null);
        }
        return this.happened(until);
      }
      if (this.rng.chance(0.12)) {
        const tried = new Date(contactAt.getTime() - this.rng.between(0.1, 1.5) * DAY);
        if (tried > this.last) this.contact(tried, false, [], null);
      }
      this.contact(contactAt, true, [], this.rng.pick(WELLBEING_GOOD));
      this.alerts.resolveBySystem(
        [AlertKind.MISSED_CHECK_IN],
        new Date(contactAt.getTime() + this.rng.int(1, 30) * 1000),
        `Resolved by Lintas: the welfare contact of ${wibDate(contactAt)} reached the worker.`,
      );
    }
  }

  /** The sweep escalates a missed check-in the longer the silence lasts (its ladder, in days overdue). */
  private climbLadder(alert: AlertDraft, due: Date, until: Date): void {
    const dueOn = wibDate(due);
    for (const rung of LADDER) {
      if (!this.alerts.graver(alert, rung.severity)) continue;
      const at = this.sweptAt(new Date(due.getTime() + rung.days * DAY), until);
      if (!at) return;
      const overdue = dayCount(Math.floor((at.getTime() - due.getTime()) / DAY));
      const reason =
        rung.severity === AlertSeverity.CRITICAL
          ? `Worker unreachable: no welfare contact has reached the worker since the check-in due on ${dueOn} (${overdue} overdue). Locate the worker through the embassy, the employer and the family.`
          : `No welfare contact has reached the worker since the check-in due on ${dueOn} (${overdue} overdue). Contact the worker, the employer and the recruiter.`;
      this.alerts.sweep(AlertKind.MISSED_CHECK_IN, rung.severity, at, reason, false);
    }
  }

  /**
   * When the sweep (run every few minutes) first saw a condition that began at `start` and lasted
   * until `until`, or null if it never ran in between. A condition still holding today was seen by
   * the sweep of today at the latest: the data set ends as that sweep left it.
   */
  private sweptAt(start: Date, until: Date): Date | null {
    const now = this.world.now.getTime();
    const latest = until.getTime() < now ? until.getTime() - 1 : now;
    if (start.getTime() > latest) return null;
    return new Date(Math.min(start.getTime() + this.rng.int(1, 15) * MINUTE, latest));
  }

  /**
   * The worker stops answering. Most are heard from again weeks later (true: the story goes on);
   * after months of silence the mission reports the others missing.
   */
  private goQuiet(silentFrom: Date): boolean {
    const lost = this.rng.chance(0.25);
    const until = new Date(
      silentFrom.getTime() + (lost ? this.rng.int(90, 150) : this.rng.int(20, 80)) * DAY,
    );
    if (!this.contacts(until, silentFrom)) return false;
    if (lost) {
      this.reportStatus(until, PartnerStatus.MISSING, null);
      this.alerts.raise(
        AlertKind.MISSED_CHECK_IN,
        AlertSeverity.CRITICAL,
        until,
        `Reported missing by a partner on ${wibDate(until)}: the worker is unreachable.`,
        true,
      );
      return false;
    }
    this.contact(until, true, [], this.rng.pick(WELLBEING_GOOD));
    this.alerts.resolveBySystem(
      [AlertKind.MISSED_CHECK_IN],
      new Date(until.getTime() + this.rng.int(1, 30) * 1000),
      `Resolved by Lintas: the welfare contact of ${wibDate(until)} reached the worker.`,
    );
    return true;
  }

  private contact(
    at: Date,
    reached: boolean,
    indicators: TraffickingIndicator[],
    wellbeing: string | null,
  ): void {
    const id = demoId(this.world.seed, `${this.plan.name}/contact/${at.getTime()}`);
    const byMission = indicators.length > 0 || this.rng.chance(0.7);
    const actor = byMission ? this.mission : this.officer;
    const channel = !reached
      ? this.rng.pick([ContactChannel.PHONE, ContactChannel.WHATSAPP])
      : indicators.length > 0
        ? this.rng.pick([ContactChannel.VISIT, ContactChannel.SHELTER, ContactChannel.PHONE])
        : byMission
          ? this.rng.weighted([
              [ContactChannel.WHATSAPP, 5],
              [ContactChannel.PHONE, 3],
              [ContactChannel.VIDEO, 2],
              [ContactChannel.VISIT, 1],
              [ContactChannel.SELF_REPORT, 1],
            ])
          : this.rng.pick([ContactChannel.FAMILY, ContactChannel.PHONE, ContactChannel.WHATSAPP]);
    this.world.tables.welfare_contact.push({
      id,
      placement_id: this.p.id,
      contacted_at: at,
      channel,
      reached_worker: reached,
      location: reached ? this.p.destination_city : null,
      wellbeing,
      indicators,
      note: reached ? null : 'Tidak tersambung',
      corrects_id: null,
      recorded_by_type: actor.type,
      recorded_by_id: actor.id,
      created_at: this.writtenAt(at, this.rng.int(5, 240)),
    });
    if (reached) this.p.last_reached_contact_at = at;
    if (indicators.length > 0) {
      this.indicatorsSeenAt.push(at);
      this.p.suspected_trafficking_victim = true;
    }
    this.step(at, 'contact', this.stage, actor, {
      contactId: id,
      reachedWorker: reached,
      indicators: indicators.length,
    });
    this.saveSchedule(at);
  }

  private reportStatus(at: Date, status: PartnerStatus, employerName: string | null): void {
    this.world.tables.partner_status_report.push({
      id: demoId(this.world.seed, `${this.plan.name}/status/${at.getTime()}`),
      placement_id: this.p.id,
      status,
      effective_at: at,
      note: null,
      employer_name: employerName,
      reported_by_type: this.mission.type,
      reported_by_id: this.mission.id,
      created_at: this.writtenAt(at, this.rng.int(10, 600)),
    });
    if (status === PartnerStatus.DECEASED || status === PartnerStatus.MISSING) this.leaveAbroad(at);
    this.p.partner_status = status;
    this.p.partner_status_at = at;
    const stage =
      status === PartnerStatus.DECEASED
        ? PlacementStage.DECEASED
        : status === PartnerStatus.MISSING
          ? PlacementStage.MISSING
          : this.stage;
    this.step(at, `status.${status}`, stage, this.mission, { effectiveAt: at });
    this.saveSchedule(at);
  }

  /**
   * The placement leaves the stages the time rules watch abroad (home, dead, missing, or still there
   * today): the alerts the contract and document sweeps raised meanwhile are written now, before
   * what settles them.
   */
  private leaveAbroad(at: Date): void {
    if (ABROAD_NOT_REPATRIATING.includes(this.stage)) this.contractSweeps(at);
    if (ABROAD.includes(this.stage)) this.documentSweeps(at);
  }

  /**
   * A contract's end approaches (CONTRACT_ENDING), and passes without a return (REPATRIATION_NEEDED),
   * as the sweeps saw the placement at DEPARTED or PLACED until `until`.
   */
  private contractSweeps(until: Date): void {
    const departedAt = this.p.departed_at;
    const endDay = this.p.contract_end;
    if (this.contractsSwept || !departedAt || !endDay) return;
    this.contractsSwept = true;
    const from = (day: string): Date => new Date(Math.max(wibDayStart(day).getTime(), departedAt.getTime()));
    const lastDay = wibDayStart(addDays(endDay, 1));
    const warnedAt = this.sweptAt(
      from(addDays(endDay, -CONTRACT_ENDING_WITHIN_DAYS)),
      until < lastDay ? until : lastDay,
    );
    if (warnedAt) {
      const left = daysFrom(wibDate(warnedAt), endDay);
      this.alerts.sweep(
        AlertKind.CONTRACT_ENDING,
        AlertSeverity.LOW,
        warnedAt,
        `Contract ends on ${endDay} (${left === 0 ? 'today' : `in ${dayCount(left)}`}). Plan the return with the worker and the recruiter, or record a contract extension.`,
        false,
      );
    }
    const overdueAt = this.sweptAt(from(addDays(endDay, CONTRACT_ENDED_AFTER_DAYS)), until);
    if (overdueAt) {
      this.alerts.sweep(
        AlertKind.REPATRIATION_NEEDED,
        AlertSeverity.HIGH,
        overdueAt,
        `Contract ended on ${endDay} (${dayCount(daysFrom(endDay, wibDate(overdueAt)))} ago) and no return has been recorded. Arrange the repatriation, or record the return or a contract extension.`,
        true,
      );
    }
  }

  /** The passport and the work visa nearing their expiry, or past it, while the worker is abroad. */
  private documentSweeps(until: Date): void {
    const departedAt = this.p.departed_at;
    if (this.documentsSwept || !departedAt) return;
    this.documentsSwept = true;
    for (const document of WATCHED_DOCUMENTS) {
      const expiresOn = this.recorded.findLast((row) => row.kind === document.kind)?.expiresOn;
      const onRecord = this.evaluation.requirements.some((decision) => decision.kind === document.kind);
      if (!expiresOn || !onRecord) continue;
      // Past the look-back the sweep reads no more: an alert still open stays as it was.
      const forgottenFrom = wibDayStart(addDays(expiresOn, DOCUMENT_EXPIRED_LOOKBACK_DAYS + 1));
      const watchedUntil = until < forgottenFrom ? until : forgottenFrom;
      const from = (day: string): Date =>
        new Date(Math.max(wibDayStart(day).getTime(), departedAt.getTime()));
      const reason = (at: Date): { severity: AlertSeverity; text: string } => {
        const left = daysFrom(wibDate(at), expiresOn);
        const repatriating = this.repatriatingFrom !== null && at >= this.repatriatingFrom;
        const renewal = repatriating
          ? document.kind === RequirementKind.PASSPORT_VALID
            ? 'Have the embassy issue an emergency travel document (SPLP)'
            : 'Arrange the exit with the immigration authorities'
          : document.kind === RequirementKind.PASSPORT_VALID
            ? 'Have it renewed at the embassy'
            : 'Have the employer renew it';
        return left < 0
          ? {
              severity: AlertSeverity.HIGH,
              text: `${document.name} expired on ${expiresOn} (${dayCount(-left)} ago) while the worker is abroad. ${renewal} at once.`,
            }
          : {
              severity: AlertSeverity.MEDIUM,
              text: `${document.name} expires on ${expiresOn} (${left === 0 ? 'today' : `in ${dayCount(left)}`}). ${renewal} before then.`,
            };
      };
      for (const start of [addDays(expiresOn, -DOCUMENT_EXPIRING_WITHIN_DAYS), addDays(expiresOn, 1)]) {
        const at = this.sweptAt(from(start), watchedUntil);
        if (!at) break;
        const { severity, text } = reason(at);
        this.alerts.sweep(AlertKind.DOCUMENT_EXPIRING, severity, at, text, false, document.kind);
      }
    }
  }

  // ---- purna penempatan ----

  /** A distress status, the alert it raises, the repatriation that answers it. The return time, if reached. */
  private distress(at: Date, status: PartnerStatus, reason: RepatriationReason): Date | null {
    if (!this.contacts(at)) return null;
    this.reportStatus(at, status, null);
    this.alerts.raise(
      AlertKind.REPATRIATION_NEEDED,
      AlertSeverity.HIGH,
      at,
      `Partner reports ${status} since ${wibDate(at)}: repatriation needed.`,
      true,
    );
    const needs = [RepatriationNeed.FLIGHT, RepatriationNeed.DOCUMENTS];
    if (status === PartnerStatus.HOSPITALISED) needs.push(RepatriationNeed.MEDICAL, RepatriationNeed.ESCORT);
    if (reason === RepatriationReason.TRAFFICKING || reason === RepatriationReason.ABUSE)
      needs.push(RepatriationNeed.SHELTER, RepatriationNeed.LEGAL_AID, RepatriationNeed.ESCORT);
    if (reason === RepatriationReason.UNPAID_WAGES) needs.push(RepatriationNeed.LEGAL_AID);
    const requestAt = new Date(at.getTime() + this.rng.between(1, 10) * DAY);
    return this.repatriate(requestAt, reason, needs);
  }

  private repatriate(requestAt: Date, reason: RepatriationReason, needs: RepatriationNeed[]): Date | null {
    if (!this.contacts(requestAt) || this.stage !== PlacementStage.PLACED) return null;
    // The contract's alerts up to now: the one saying repatriation is needed is what this answers.
    this.contractSweeps(requestAt);
    this.repatriatingFrom = requestAt;
    const id = demoId(this.world.seed, `${this.plan.name}/repatriation`);
    const source = this.alerts.open(AlertKind.REPATRIATION_NEEDED);
    if (source) {
      this.alerts.resolve(
        source,
        requestAt,
        null,
        `Turned into repatriation ${id} by ${this.mission.agencyName}`,
      );
    }
    const row: DemoRow<'repatriation'> = {
      id,
      placement_id: this.p.id,
      status: RepatriationStatus.REQUESTED,
      reason,
      needs,
      note: null,
      planned_arrival_at: null,
      source_alert_id: source?.row.id ?? null,
      requested_by_agency_id: this.mission.agencyId,
      requested_by_type: this.mission.type,
      requested_by_id: this.mission.id,
      requested_at: requestAt,
      status_changed_at: null,
      created_at: requestAt,
      updated_at: requestAt,
      version: 1,
    };
    this.world.tables.repatriation.push(row);
    this.step(requestAt, 'repatriation.requested', PlacementStage.REPATRIATING, this.mission, {
      repatriationId: id,
      reason,
      sourceAlertId: row.source_alert_id,
    });
    const arrangedAt = new Date(requestAt.getTime() + this.rng.between(2, 15) * DAY);
    const arrival = new Date(arrangedAt.getTime() + this.rng.between(4, 20) * DAY);
    arrival.setUTCHours(this.rng.int(0, 12), this.rng.int(0, 59));
    // The worker waits abroad, still on the check-in schedule: the welfare contacts go on meanwhile.
    const progress = (at: Date, status: RepatriationStatus): boolean => {
      if (!this.contacts(at)) return false;
      row.status = status;
      row.status_changed_at = at;
      row.updated_at = at;
      row.version += 1;
      if (status === RepatriationStatus.ARRANGED) row.planned_arrival_at = arrival;
      // COMPLETED is reached by recording the return, whose own timeline entry follows.
      if (status !== RepatriationStatus.COMPLETED) {
        const detail = { repatriationId: id, status, note: null };
        this.step(
          at,
          `repatriation.${status.toLowerCase()}`,
          PlacementStage.REPATRIATING,
          this.mission,
          detail,
        );
      }
      return true;
    };
    const inTransit = new Date(arrival.getTime() - this.rng.between(6, 30) * HOUR);
    if (
      !progress(arrangedAt, RepatriationStatus.ARRANGED) ||
      !progress(inTransit, RepatriationStatus.IN_TRANSIT)
    ) {
      return null;
    }
    if (!progress(arrival, RepatriationStatus.COMPLETED)) return null;
    this.comeHome(arrival, id);
    return arrival;
  }

  /** Home: the return, the alerts it settles, then reintegration and, in time, the closure. */
  private comeHome(at: Date, repatriationId: string | null): void {
    if (!this.happened(at)) return;
    this.leaveAbroad(at);
    const victim = this.p.suspected_trafficking_victim;
    const repatriated = repatriationId !== null;
    const health = repatriated
      ? this.rng.weighted([
          [HealthOnArrival.HEALTHY, 5],
          [HealthOnArrival.NEEDS_TREATMENT, 4],
          [HealthOnArrival.HOSPITALISED, 1],
        ])
      : this.rng.chance(0.95)
        ? HealthOnArrival.HEALTHY
        : HealthOnArrival.NEEDS_TREATMENT;
    const wagesOwed = victim || (repatriated && this.rng.chance(0.4));
    this.world.tables.placement_return.push({
      placement_id: this.p.id,
      kind: repatriated ? ReturnKind.REPATRIATED : ReturnKind.ORDINARY,
      returned_at: at,
      port_of_entry: this.rng.pick(PORTS_OF_ENTRY),
      health_on_arrival: health,
      suspected_trafficking_victim: victim,
      wages_owed: wagesOwed,
      repatriation_id: repatriationId,
      note: null,
      recorded_by_type: this.officer.type,
      recorded_by_id: this.officer.id,
      created_at: this.writtenAt(at, this.rng.int(30, 600)),
    });
    this.p.returned_at = at;
    this.p.next_check_in_due_at = null;
    this.step(at, 'return', PlacementStage.RETURNED, this.officer, {
      kind: repatriated ? ReturnKind.REPATRIATED : ReturnKind.ORDINARY,
      repatriationId,
    });
    this.alerts.resolveBySystem(
      RESOLVED_ON_RETURN,
      new Date(at.getTime() + 2000),
      "Resolved by Lintas: the worker's return was recorded.",
    );
    this.reintegrate(at, victim, repatriated, wagesOwed);
  }

  private reintegrate(returnedAt: Date, victim: boolean, repatriated: boolean, wagesOwed: boolean): void {
    const neglected = this.rng.chance(0.08);
    const firstStep = new Date(
      returnedAt.getTime() + (neglected ? this.rng.int(45, 160) : this.rng.int(3, 25)) * DAY,
    );
    const returnedOn = wibDate(returnedAt);
    // Overdue from the WIB day the due days end, until the first referral or refusal.
    const overdueAt = this.sweptAt(wibDayStart(addDays(returnedOn, REINTEGRATION_DUE_AFTER_DAYS)), firstStep);
    if (overdueAt) {
      const ago = dayCount(daysFrom(returnedOn, wibDate(overdueAt)));
      this.alerts.sweep(
        AlertKind.REINTEGRATION_OVERDUE,
        victim ? AlertSeverity.HIGH : AlertSeverity.MEDIUM,
        overdueAt,
        victim
          ? `Suspected trafficking victim returned home on ${returnedOn} (${ago} ago) and neither a reintegration referral nor a refusal has been recorded. Refer the worker to rehabilitation and legal aid, or record the refusal.`
          : `Returned home on ${returnedOn} (${ago} ago) and neither a reintegration referral nor a refusal has been recorded. Refer the worker to a reintegration service, or record the refusal.`,
        false,
      );
    }
    if (!this.happened(firstStep)) return;
    const services: ServiceKind[] = victim
      ? [ServiceKind.SOCIAL_REHABILITATION, ServiceKind.PSYCHOSOCIAL, ServiceKind.LEGAL_AID]
      : repatriated
        ? [
            this.rng.pick([ServiceKind.PSYCHOSOCIAL, ServiceKind.SOCIAL_REHABILITATION]),
            ...(wagesOwed ? [ServiceKind.LEGAL_AID] : []),
          ]
        : this.rng.chance(0.5)
          ? [ServiceKind.ECONOMIC_EMPOWERMENT]
          : [];
    if (services.length === 0) {
      this.refuse(firstStep);
      return;
    }
    let doneAt = firstStep;
    let open = false;
    for (const [index, service] of services.entries()) {
      const referredAt = new Date(firstStep.getTime() + index * this.rng.between(0.02, 2) * DAY);
      const result = this.refer(referredAt, service, victim && index === 0 && this.rng.chance(0.2));
      if (result === null) open = true;
      else if (result > doneAt) doneAt = result;
    }
    if (open) return;
    this.close(new Date(doneAt.getTime() + this.rng.int(3, 45) * DAY), this.rng.pick(CLOSURE_OUTCOMES));
  }

  /** A referral and its progress; when it ended (COMPLETED or DECLINED), or null while open. */
  private refer(at: Date, service: ServiceKind, consentOverridden: boolean): Date | null {
    if (!this.happened(at)) return null;
    const providerCode =
      service === ServiceKind.ECONOMIC_EMPOWERMENT
        ? `disnaker-${this.plan.worker.regency.code}`
        : service === ServiceKind.LEGAL_AID
          ? 'bp3mi-kalsel'
          : 'kemensos-budi-luhur';
    const id = demoId(this.world.seed, `${this.plan.name}/referral/${service}`);
    // Legal aid is the case handler's own work at BP3MI; a service elsewhere is moved on by its staff.
    const provider =
      providerCode === 'bp3mi-kalsel'
        ? this.caseHandler
        : (this.world.cast.userAt(providerCode) ?? this.caseHandler);
    const row: DemoRow<'referral'> = {
      id,
      placement_id: this.p.id,
      service,
      agency_id: this.world.cast.agencyId(providerCode),
      referred_by_agency_id: this.caseHandler.agencyId,
      status: ReferralStatus.REFERRED,
      consent_given: !consentOverridden,
      consent_override_reason: consentOverridden
        ? 'Korban trauma berat dan belum dapat memberi persetujuan; penanganan segera atas keputusan pendamping kasus'
        : null,
      note: null,
      outcome: null,
      referred_by_type: this.caseHandler.type,
      referred_by_id: this.caseHandler.id,
      referred_at: at,
      status_changed_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    this.world.tables.referral.push(row);
    this.step(at, 'referral.referred', PlacementStage.REINTEGRATING, this.caseHandler, {
      referralId: id,
      service,
      agencyId: row.agency_id,
      consentOverridden,
    });
    this.alerts.resolveBySystem(
      [AlertKind.REINTEGRATION_OVERDUE],
      new Date(at.getTime() + 3000),
      `Resolved by Lintas: the worker was referred to a reintegration service on ${wibDate(at)}.`,
    );
    const declined = this.rng.chance(0.08);
    const path: [ReferralStatus, number, number][] = declined
      ? [[ReferralStatus.DECLINED, 3, 30]]
      : [
          [ReferralStatus.ACCEPTED, 1, 10],
          [ReferralStatus.IN_PROGRESS, 3, 30],
          [ReferralStatus.COMPLETED, 30, service === ServiceKind.SOCIAL_REHABILITATION ? 180 : 120],
        ];
    let t = at;
    for (const [status, minDays, maxDays] of path) {
      t = new Date(t.getTime() + this.rng.between(minDays, maxDays) * DAY);
      if (!this.happened(t, false)) return null;
      row.status = status;
      row.status_changed_at = t;
      row.updated_at = t;
      row.version += 1;
      if (status === ReferralStatus.COMPLETED) row.outcome = REFERRAL_OUTCOMES[service];
      if (status === ReferralStatus.DECLINED) row.outcome = DECLINED_OUTCOME;
      // The agency the referral is addressed to moves it on; the placement itself is not written.
      const detail = { referralId: id, service, status };
      this.step(t, `referral.${status.toLowerCase()}`, PlacementStage.REINTEGRATING, provider, detail, false);
    }
    return t;
  }

  private refuse(at: Date): void {
    const id = demoId(this.world.seed, `${this.plan.name}/refusal`);
    const services = this.rng.chance(0.7) ? [] : [ServiceKind.ECONOMIC_EMPOWERMENT];
    this.world.tables.reintegration_refusal.push({
      id,
      placement_id: this.p.id,
      services,
      refused_at: at,
      note: this.rng.pick(REFUSAL_NOTES),
      recorded_by_type: this.caseHandler.type,
      recorded_by_id: this.caseHandler.id,
      created_at: at,
    });
    this.step(
      at,
      'reintegration_refused',
      this.stage,
      this.caseHandler,
      {
        refusalId: id,
        services,
      },
      false,
    );
    this.alerts.resolveBySystem(
      [AlertKind.REINTEGRATION_OVERDUE],
      new Date(at.getTime() + 3000),
      `Resolved by Lintas: the worker's refusal of reintegration services was recorded (refused on ${wibDate(at)}).`,
    );
    this.close(new Date(at.getTime() + this.rng.int(2, 40) * DAY), this.rng.pick(CLOSURE_OUTCOMES));
  }

  /** The remains come home; the placement stays DECEASED until the case is closed. */
  private remainsHome(at: Date): void {
    if (!this.happened(at)) return;
    this.world.tables.placement_return.push({
      placement_id: this.p.id,
      kind: ReturnKind.REMAINS,
      returned_at: at,
      port_of_entry: PORTS_OF_ENTRY[0] ?? null,
      health_on_arrival: null,
      suspected_trafficking_victim: false,
      wages_owed: this.rng.chance(0.3),
      repatriation_id: null,
      note: 'Jenazah diterima keluarga di bandara',
      recorded_by_type: this.officer.type,
      recorded_by_id: this.officer.id,
      created_at: this.writtenAt(at, this.rng.int(30, 600)),
    });
    this.p.returned_at = at;
    this.p.next_check_in_due_at = null;
    this.step(at, 'return', PlacementStage.DECEASED, this.officer, {
      kind: ReturnKind.REMAINS,
      repatriationId: null,
    });
    this.alerts.resolveBySystem(
      RESOLVED_ON_RETURN,
      new Date(at.getTime() + 2000),
      "Resolved by Lintas: the return of the worker's remains was recorded.",
    );
    // Insurance and the family's papers take time: some cases stay open for a year.
    this.close(new Date(at.getTime() + this.rng.int(30, 420) * DAY), DECEASED_CLOSURE);
  }

  private close(at: Date, outcome: string): void {
    if (!this.happened(at)) return;
    this.alerts.resolveBeforeClosing(at, this.caseHandler, () => this.rng.pick(RESOLUTION_NOTES.closing));
    this.p.closed_at = at;
    this.p.closure_outcome = outcome;
    this.p.next_check_in_due_at = null;
    this.step(at, 'close', PlacementStage.CLOSED, this.caseHandler, {});
    this.alerts.resolveBySystem(
      [AlertKind.REINTEGRATION_OVERDUE],
      new Date(at.getTime() + 3000),
      `Resolved by Lintas: the placement was closed on ${wibDate(at)}.`,
    );
  }

  // ---- the rule engine and the schedule, as the services call them ----

  private plannedDay(): string | null {
    return this.p.planned_departure_at && indonesianDate(this.p.planned_departure_at);
  }

  private evaluate(at: Date, departureDate: string | null): void {
    this.evaluation = evaluatePlacement(this.facts(at, departureDate));
    this.evaluatedAt = at;
    this.p.procedural = this.evaluation.procedural;
    this.p.procedural_reasons = this.evaluation.proceduralReasons;
    this.p.rule_set_version = this.evaluation.ruleSetVersion;
  }

  private decision(): Record<string, unknown> {
    return {
      procedural: this.evaluation.procedural,
      reasons: this.evaluation.proceduralReasons,
      ruleSetVersion: this.evaluation.ruleSetVersion,
    };
  }

  private facts(at: Date, departureDate: string | null): PlacementFacts {
    const { worker, opening, recruiter } = this.plan;
    return {
      worker: {
        nik: worker.nik,
        sex: worker.sex,
        dateOfBirth: worker.dateOfBirth,
        originRegencyCode: worker.regency.code,
        nikRegencyCode: worker.nik.slice(0, 4),
      },
      destination: opening.destination,
      destinationCity: this.p.destination_city,
      sector: opening.sector,
      employerType: opening.employerType,
      jobTitle: this.p.job_title,
      scheme: opening.scheme,
      recruiter: recruiter && {
        id: recruiter.id,
        name: recruiter.name,
        licenceNumber: recruiter.licenceNumber,
        // The recruiter as it stood then: a licence suspended later was valid for earlier departures.
        status:
          recruiter.statusSince && at >= recruiter.statusSince ? recruiter.status : RecruiterStatus.ACTIVE,
        validFrom: recruiter.validFrom,
        validUntil: recruiter.validUntil,
        spskSelected: recruiter.spskSelected,
        permits: recruiter.permits
          .filter((permit) => permit.destination === opening.destination)
          .map((permit) => ({ ...permit, used: this.permitsUsed.get(permit.permitNumber) ?? 0 })),
      },
      visaType: this.p.visa_type as VisaType | null,
      contractStart: this.p.contract_start,
      contractEnd: this.p.contract_end,
      departureDate,
      rules: this.world.rules(opening.destination, opening.sector),
      recorded: this.recorded,
    };
  }

  private scheduleAt(at: Date): { due: Date | null; level: string; reasons: string[] } {
    const facts = {
      domestic: this.plan.opening.sector === Sector.DOMESTIC,
      procedural: this.p.procedural,
      departedAt: this.p.departed_at,
      arrivedAt: this.p.arrived_at,
      lastReachedContactAt: this.p.last_reached_contact_at,
      partnerStatus: this.p.partner_status as PartnerStatus | null,
      indicatorsSeenAt: this.indicatorsSeenAt.filter((seen) => seen <= at),
      now: at,
    };
    const implied = schedule({ ...facts, currentDueAt: null }, this.world.policy);
    const { risk, nextCheckInDueAt } = schedule(
      { ...facts, currentDueAt: implied.nextCheckInDueAt },
      this.world.policy,
    );
    return { due: nextCheckInDueAt, level: risk.level, reasons: risk.reasons };
  }

  /** What PlacementAbroadService stores with each report: the due date (abroad only) and the risk. */
  private saveSchedule(at: Date): void {
    const { due, level, reasons } = this.scheduleAt(at);
    const abroad = [PlacementStage.DEPARTED, PlacementStage.PLACED, PlacementStage.REPATRIATING].includes(
      this.stage,
    );
    this.p.next_check_in_due_at = abroad ? due : null;
    this.p.risk_level = level;
    this.p.risk_reasons = reasons;
  }

  // ---- the timeline and the alerts ----

  /** When a report of `at` reached Lintas: `minutes` later, but never after today. */
  private writtenAt(at: Date, minutes: number): Date {
    return new Date(
      Math.min(at.getTime() + minutes * MINUTE, Math.max(at.getTime(), this.world.now.getTime() - 1000)),
    );
  }

  /** Whether `at` has come by today; once it has not, the story is over. */
  private happened(at: Date, stops = true): boolean {
    if (this.stopped) return false;
    if (at.getTime() < this.world.now.getTime()) return true;
    if (stops) this.stopped = true;
    return false;
  }

  /** One timeline entry; `saves` when the service writes the placement (a new version). */
  private step(
    at: Date,
    type: string,
    stageTo: PlacementStage,
    actor: Actor,
    detail: Record<string, unknown>,
    saves = true,
  ): void {
    this.world.tables.placement_event.push({
      placement_id: this.p.id,
      type,
      stage_from: type === 'registered' ? null : this.p.stage,
      stage_to: stageTo,
      actor_type: actor.type,
      actor_id: actor.id,
      detail,
      occurred_at: at,
    });
    this.p.stage = stageTo;
    if (at > this.last) this.last = at;
    if (saves) {
      this.p.version += 1;
      if (at > this.p.updated_at) this.p.updated_at = at;
    }
  }

  private nonProceduralAlert(at: Date): void {
    const unmet = this.evaluation.requirements
      .filter(
        (requirement) =>
          ![RequirementStatus.SATISFIED, RequirementStatus.WAIVED].includes(requirement.status),
      )
      .map((requirement) => `${requirement.kind} ${requirement.status}`)
      .sort();
    const system = this.p.procedural_reasons.filter((reason) => !/^[A-Z_]+: /.test(reason));
    const reasons = [...system, ...(unmet.length > 0 ? [`requirements not met: ${unmet.join(', ')}`] : [])];
    this.alerts.raise(
      AlertKind.NON_PROCEDURAL_DEPARTURE,
      AlertSeverity.HIGH,
      at,
      `Non-procedural departure: ${(reasons.length > 0 ? reasons : ['departure not cleared']).join('; ')}.`,
      true,
    );
  }

  /** The checklist as the last evaluation left it, with what the officer recorded for each kind. */
  private writeRequirements(): void {
    for (const decision of this.evaluation.requirements) {
      const recorded = this.recorded.findLast((row) => row.kind === decision.kind);
      const documentNumber = recorded?.documentNumber ?? null;
      this.world.tables.requirement.push({
        id: demoId(this.world.seed, `${this.plan.name}/requirement/${decision.kind}`),
        placement_id: this.p.id,
        kind: decision.kind,
        status: decision.status,
        reason: decision.reason,
        evaluated_by: decision.evaluatedBy,
        recorded_status: recorded?.status ?? null,
        document_number_ciphertext:
          documentNumber === null ? null : this.world.sealDocumentNumber(documentNumber),
        issuer: recorded?.issuer ?? null,
        issued_on: recorded?.issuedOn ?? null,
        expires_on: recorded?.expiresOn ?? null,
        note: recorded?.note ?? null,
        recorded_by_id: recorded ? this.officer.id : null,
        recorded_at: recorded ? (this.recordedAt.get(decision.kind) ?? null) : null,
        updated_at: this.evaluatedAt,
      });
    }
  }
}
