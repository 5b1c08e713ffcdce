import { createHash } from 'node:crypto';

import {
  EmployerType,
  PlacementScheme,
  RecruiterStatus,
  RequirementKind,
  RequirementStatus,
  RuleDecision,
  type Sector,
  VisaType,
} from '../placement/placement.enums.js';
import type {
  CalendarDate,
  Evaluation,
  PlacementFacts,
  PlacementRule,
  RecordedRequirement,
  RecruiterFacts,
  RequirementDecision,
} from './rule-engine.types.js';

/**
 * Bump when a rule in this file changes meaning, so that decisions made before and after the change
 * can be told apart; changes to the rule table show in the digest part of `ruleSetVersion` instead.
 */
export const RULE_ENGINE_VERSION = '1';

const MINIMUM_AGE = 18;

/** What the placement-rules table says about one destination, sector and employer type on a day. */
export interface DestinationDecision {
  decision: RuleDecision;
  /** The rule that decided; null when no rule applies, which means OPEN. */
  rule: PlacementRule | null;
}

const LINTAS_EVALUATED: ReadonlySet<RequirementKind> = new Set([
  RequirementKind.AGE_MINIMUM,
  RequirementKind.NIK_CONSISTENT,
  RequirementKind.LICENSED_RECRUITER,
  RequirementKind.RECRUITMENT_PERMIT,
  RequirementKind.DESTINATION_OPEN,
  RequirementKind.PASSPORT_VALID,
]);

/**
 * The checklist for a placement, in RequirementKind declaration order. Every kind applies to every
 * placement today; the parameters are here so the list can vary by destination or sector without
 * its callers (registration and the placementRules query) changing.
 */
export function applicableRequirements(_destination: string, _sector: Sector): RequirementKind[] {
  return Object.values(RequirementKind);
}

const STRICTNESS: Record<RuleDecision, number> = {
  [RuleDecision.OPEN]: 0,
  [RuleDecision.CHANNEL_ONLY]: 1,
  [RuleDecision.BANNED]: 2,
};

/**
 * Picks the rule in force for a destination, sector and employer type on `date`. With no date the
 * day is unknown, so only rules without an end date count as in force. Where several rules apply, a
 * rule naming the employer type beats one for any employer type, and then the latest
 * `effectiveFrom` wins: a new policy is a new row, and the old row stays for older departures.
 */
export function decideDestination(
  rules: readonly PlacementRule[],
  destination: string,
  sector: Sector,
  employerType: EmployerType,
  date: CalendarDate | null,
): DestinationDecision {
  const inForce = rules.filter(
    (rule) =>
      rule.destination === destination &&
      rule.sector === sector &&
      (rule.employerType === null || rule.employerType === employerType) &&
      (date === null
        ? rule.effectiveUntil === null
        : rule.effectiveFrom <= date && (rule.effectiveUntil === null || date < rule.effectiveUntil)),
  );
  const [deciding] = inForce.sort(
    (a, b) =>
      Number(b.employerType !== null) - Number(a.employerType !== null) ||
      compareStrings(b.effectiveFrom, a.effectiveFrom) ||
      // Two rules equally specific from the same day contradict each other in the data; the stricter
      // one is the safer reading, and the id keeps the choice stable.
      STRICTNESS[b.decision] - STRICTNESS[a.decision] ||
      compareStrings(a.id, b.id),
  );
  return deciding
    ? { decision: deciding.decision, rule: deciding }
    : { decision: RuleDecision.OPEN, rule: null };
}

/** Judges a placement against the law and the placement-rules table; reads nothing but `facts`. */
export function evaluatePlacement(facts: PlacementFacts): Evaluation {
  const destination = decideDestination(
    facts.rules,
    facts.destination,
    facts.sector,
    facts.employerType,
    facts.departureDate,
  );
  const requirements = applicableRequirements(facts.destination, facts.sector).map(
    (kind): RequirementDecision => {
      if (!LINTAS_EVALUATED.has(kind)) {
        return {
          kind,
          ...officerVerified(recordedFor(facts, kind), facts.departureDate),
          evaluatedBy: 'OFFICER',
        };
      }
      return { kind, ...evaluatedByLintas(kind, facts, destination), evaluatedBy: 'LINTAS' };
    },
  );
  const hardStops = findHardStops(facts, destination);
  const unmet = requirements.filter(
    (requirement) =>
      requirement.status !== RequirementStatus.SATISFIED && requirement.status !== RequirementStatus.WAIVED,
  );
  return {
    requirements,
    procedural: hardStops.length === 0 && unmet.length === 0,
    proceduralReasons: [
      ...hardStops,
      ...unmet.map((requirement) => `${requirement.kind}: ${requirement.reason ?? requirement.status}`),
    ],
    hardStops,
    destination: {
      decision: destination.decision,
      ruleId: destination.rule?.id ?? null,
      source: destination.rule?.source ?? null,
    },
    ruleSetVersion: ruleSetVersion(facts.rules),
  };
}

type Outcome = Pick<RequirementDecision, 'status' | 'reason'>;

const satisfied = (reason: string | null = null): Outcome => ({
  status: RequirementStatus.SATISFIED,
  reason,
});
const failed = (reason: string): Outcome => ({ status: RequirementStatus.FAILED, reason });
const pending = (reason: string): Outcome => ({ status: RequirementStatus.PENDING, reason });

function evaluatedByLintas(
  kind: RequirementKind,
  facts: PlacementFacts,
  destination: DestinationDecision,
): Outcome {
  switch (kind) {
    case RequirementKind.AGE_MINIMUM:
      return ageAtDeparture(facts.worker.dateOfBirth, facts.departureDate);
    case RequirementKind.NIK_CONSISTENT:
      return nikConsistent(facts);
    case RequirementKind.LICENSED_RECRUITER:
      return licensedRecruiter(facts);
    case RequirementKind.RECRUITMENT_PERMIT:
      return recruitmentPermit(facts);
    case RequirementKind.DESTINATION_OPEN:
      return destinationOpen(facts, destination);
    case RequirementKind.PASSPORT_VALID:
      return passportValid(facts);
    default:
      throw new Error(`${kind} is not evaluated by Lintas`);
  }
}

function ageAtDeparture(dateOfBirth: CalendarDate, departureDate: CalendarDate | null): Outcome {
  if (departureDate === null) {
    return pending('no departure date yet: age is judged on the day of departure');
  }
  const adulthood = birthday(dateOfBirth, MINIMUM_AGE);
  return departureDate >= adulthood
    ? satisfied()
    : failed(
        `under ${MINIMUM_AGE} on the departure on ${departureDate}: turns ${MINIMUM_AGE} on ${adulthood}`,
      );
}

/**
 * The day someone born on `dateOfBirth` turns `years` old. Someone born on 29 February has that
 * birthday on 1 March in a year that is not a leap year: the day they have lived the full number
 * of years is the day after 28 February.
 */
function birthday(dateOfBirth: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = calendarDateParts(dateOfBirth);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) {
    return formatCalendarDate(target, 3, 1);
  }
  return formatCalendarDate(target, month, day);
}

function nikConsistent(facts: PlacementFacts): Outcome {
  const { nikRegencyCode, originRegencyCode } = facts.worker;
  const outcome =
    nikRegencyCode === null
      ? failed("the NIK's region digits name no Kemendagri regency")
      : nikRegencyCode !== originRegencyCode
        ? failed(
            `the NIK was issued in regency ${nikRegencyCode} but the recorded origin is regency ${originRegencyCode}` +
              ' (an officer may waive this for a worker who moved: a NIK keeps the place of first registration)',
          )
        : satisfied();
  const waiver = recordedFor(facts, RequirementKind.NIK_CONSISTENT);
  if (outcome.status === RequirementStatus.FAILED && waiver?.status === RequirementStatus.WAIVED) {
    return waived(waiver);
  }
  return outcome;
}

function licensedRecruiter(facts: PlacementFacts): Outcome {
  if (facts.scheme === PlacementScheme.G_TO_G) {
    return satisfied('government-to-government scheme');
  }
  const recruiter = facts.recruiter;
  if (recruiter === null) {
    return failed('no recruiter (P3MI) and no government-to-government scheme');
  }
  if (recruiter.status !== RecruiterStatus.ACTIVE) {
    return failed(recruiterNotActive(recruiter));
  }
  const licence = `licence ${recruiter.licenceNumber} of ${recruiter.name}`;
  if (facts.departureDate === null) {
    return satisfied(
      `${licence} is ACTIVE; its validity is checked against the departure date once it is set`,
    );
  }
  return within(facts.departureDate, recruiter.validFrom, recruiter.validUntil)
    ? satisfied()
    : failed(
        `${licence} is valid from ${recruiter.validFrom} to ${recruiter.validUntil}, not on the departure on ${facts.departureDate}`,
      );
}

function recruitmentPermit(facts: PlacementFacts): Outcome {
  if (facts.scheme === PlacementScheme.G_TO_G) {
    return satisfied('government-to-government scheme');
  }
  const recruiter = facts.recruiter;
  if (recruiter === null) {
    return failed('no recruiter, so no recruitment permit (SIP2MI)');
  }
  const forDestination = recruiter.permits.filter((permit) => permit.destination === facts.destination);
  if (forDestination.length === 0) {
    return failed(`${recruiter.name} has no recruitment permit (SIP2MI) for ${facts.destination}`);
  }
  const departureDate = facts.departureDate;
  const valid =
    departureDate === null
      ? forDestination
      : forDestination.filter((permit) => within(departureDate, permit.validFrom, permit.validUntil));
  if (valid.length === 0) {
    const periods = forDestination
      .map((permit) => `${permit.permitNumber} (${permit.validFrom} to ${permit.validUntil})`)
      .join(', ');
    return failed(
      `no recruitment permit (SIP2MI) of ${recruiter.name} for ${facts.destination} is valid on the departure on ${departureDate}: ${periods}`,
    );
  }
  const withQuota = valid.find((permit) => permit.used < permit.quota);
  if (withQuota === undefined) {
    const usedUp = valid
      .map((permit) => `${permit.permitNumber} (quota of ${permit.quota} used up)`)
      .join(', ');
    return failed(`no recruitment permit (SIP2MI) for ${facts.destination} has quota left: ${usedUp}`);
  }
  const quotaLeft = `permit ${withQuota.permitNumber}: ${withQuota.used} of ${withQuota.quota} used`;
  return departureDate === null
    ? satisfied(`${quotaLeft}; its validity is checked against the departure date once it is set`)
    : satisfied(quotaLeft);
}

function destinationOpen(facts: PlacementFacts, destination: DestinationDecision): Outcome {
  const rule = destination.rule;
  if (rule === null || destination.decision === RuleDecision.OPEN) {
    return satisfied();
  }
  if (destination.decision === RuleDecision.BANNED) {
    return failed(`${banned(facts)} by ${rule.source} (rule ${rule.id})`);
  }
  const outside = outsideChannel(facts, rule);
  return outside.length === 0
    ? satisfied(`inside the ${rule.channel ?? 'named'} channel (rule ${rule.id})`)
    : failed(
        `${facts.destination} is open to ${facts.sector} work only through the ${rule.channel ?? 'named'} channel` +
          ` (rule ${rule.id}, ${rule.source}): ${outside.join('; ')}`,
      );
}

/** What puts a placement outside a CHANNEL_ONLY rule; empty when it is inside. */
function outsideChannel(facts: PlacementFacts, rule: PlacementRule): string[] {
  const outside: string[] = [];
  if (facts.scheme !== rule.channel) {
    outside.push(`the scheme is ${facts.scheme ?? 'none'}, not ${rule.channel ?? 'none'}`);
  }
  // In SPSK the employer is a Saudi placement agency (syarikah), never a household; a channel row
  // written for any employer type must not let a household employer through.
  if (facts.employerType !== EmployerType.LEGAL_ENTITY) {
    outside.push(
      `the employer is ${facts.employerType}, the channel needs a ${EmployerType.LEGAL_ENTITY} employer`,
    );
  }
  if (rule.jobs.length > 0 && !includesName(rule.jobs, facts.jobTitle)) {
    outside.push(`job "${facts.jobTitle}" is not one of ${rule.jobs.join(', ')}`);
  }
  if (rule.cities.length > 0) {
    if (facts.destinationCity === null) {
      outside.push(`no destination city recorded (the channel covers ${rule.cities.join(', ')})`);
    } else if (!includesName(rule.cities, facts.destinationCity)) {
      outside.push(`city "${facts.destinationCity}" is not one of ${rule.cities.join(', ')}`);
    }
  }
  if (facts.recruiter === null) {
    outside.push('no recruiter: the channel needs a P3MI selected for it');
  } else if (!facts.recruiter.spskSelected) {
    outside.push(`recruiter ${facts.recruiter.name} is not selected for the channel`);
  }
  return outside;
}

function includesName(names: readonly string[], name: string): boolean {
  const wanted = normaliseName(name);
  return names.some((candidate) => normaliseName(candidate) === wanted);
}

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function passportValid(facts: PlacementFacts): Outcome {
  const passport = recordedFor(facts, RequirementKind.PASSPORT_VALID);
  if (passport === undefined) {
    return pending('passport not recorded');
  }
  // An officer who finds the passport false or damaged says so; the dates cannot outweigh that.
  if (passport.status === RequirementStatus.FAILED) {
    return failed(passport.note ?? 'the officer found the passport not valid');
  }
  if (passport.expiresOn === null) {
    return pending('expiry date not recorded');
  }
  // The passport must outlast the contract; before the contract dates are known, at least the departure.
  const mustOutlast =
    facts.contractEnd !== null
      ? { date: facts.contractEnd, what: 'the contract end' }
      : facts.departureDate !== null
        ? { date: facts.departureDate, what: 'the departure' }
        : null;
  if (mustOutlast === null) {
    return pending('neither the contract end nor the departure date is known');
  }
  return passport.expiresOn > mustOutlast.date
    ? satisfied()
    : failed(
        `the passport expires on ${passport.expiresOn}, not after ${mustOutlast.what} on ${mustOutlast.date}`,
      );
}

function officerVerified(
  recorded: RecordedRequirement | undefined,
  departureDate: CalendarDate | null,
): Outcome {
  if (recorded === undefined) {
    return pending('not yet verified');
  }
  switch (recorded.status) {
    case RequirementStatus.SATISFIED:
      if (departureDate !== null && recorded.expiresOn !== null && recorded.expiresOn < departureDate) {
        return failed(`evidence expires on ${recorded.expiresOn}, before the departure on ${departureDate}`);
      }
      return satisfied(recorded.note);
    case RequirementStatus.WAIVED:
      return waived(recorded);
    case RequirementStatus.FAILED:
      return failed(recorded.note ?? 'rejected by an officer');
    case RequirementStatus.PENDING:
      return pending(recorded.note ?? 'not yet verified');
  }
}

function waived(recorded: RecordedRequirement): Outcome {
  return { status: RequirementStatus.WAIVED, reason: recorded.note };
}

/** Stops that make a departure non-procedural whatever the checklist says; no waiver lifts them. */
function findHardStops(facts: PlacementFacts, destination: DestinationDecision): string[] {
  const stops: string[] = [];
  if (destination.decision === RuleDecision.BANNED && destination.rule !== null) {
    stops.push(`${banned(facts)} (rule ${destination.rule.id})`);
  }
  if (facts.recruiter !== null && facts.recruiter.status !== RecruiterStatus.ACTIVE) {
    stops.push(recruiterNotActive(facts.recruiter));
  }
  if (facts.visaType !== null && facts.visaType !== VisaType.WORK) {
    stops.push(`visa type ${facts.visaType} is not a work visa`);
  }
  return stops;
}

function banned(facts: PlacementFacts): string {
  return `${facts.sector} work for ${facts.employerType} employers in ${facts.destination} is banned`;
}

function recruiterNotActive(recruiter: RecruiterFacts): string {
  return `recruiter ${recruiter.name} (licence ${recruiter.licenceNumber}) is ${recruiter.status}`;
}

/** The caller passes one record per kind; should it pass more, the last one is taken as the latest. */
function recordedFor(facts: PlacementFacts, kind: RequirementKind): RecordedRequirement | undefined {
  return facts.recorded.findLast((recorded) => recorded.kind === kind);
}

/**
 * `ENGINE:DIGEST`, where the digest covers every field of every rule given: the rules of one
 * destination and sector, so an edit elsewhere in the table does not change this version.
 */
export function ruleSetVersion(rules: readonly PlacementRule[]): string {
  // Fields listed one by one so the digest does not depend on the order the rows' keys were built in.
  const canonical = [...rules]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map((rule) => [
      rule.id,
      rule.destination,
      rule.sector,
      rule.employerType,
      rule.decision,
      rule.jobs,
      rule.cities,
      rule.channel,
      rule.effectiveFrom,
      rule.effectiveUntil,
      rule.source,
    ]);
  const digest = createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
  return `${RULE_ENGINE_VERSION}:${digest}`;
}

/** Inclusive at both ends: a licence or permit "valid until" a day is still valid on that day. */
function within(date: CalendarDate, from: CalendarDate, until: CalendarDate): boolean {
  return from <= date && date <= until;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function calendarDateParts(date: CalendarDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) {
    // Dates are compared as strings everywhere else; a malformed one would compare silently wrong.
    throw new Error(`"${date}" is not a YYYY-MM-DD calendar date`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function formatCalendarDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
