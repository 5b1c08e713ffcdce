import type {
  EmployerType,
  PlacementScheme,
  RecruiterStatus,
  RequirementKind,
  RequirementStatus,
  RuleDecision,
  Sector,
  VisaType,
} from '../placement/placement.enums.js';

/** Dates are calendar dates, 'YYYY-MM-DD', compared as strings. */
export type CalendarDate = string;

/** One row of the placement-rules table (data/placement-rules, loaded by a migration). */
export interface PlacementRule {
  id: string;
  destination: string;
  sector: Sector;
  /** null means every employer type. */
  employerType: EmployerType | null;
  decision: RuleDecision;
  /** For CHANNEL_ONLY rows: the jobs and cities the channel opens (empty means every one). */
  jobs: string[];
  cities: string[];
  /** The scheme that is the channel, for CHANNEL_ONLY rows. */
  channel: PlacementScheme | null;
  effectiveFrom: CalendarDate;
  /** Exclusive; null: still in force. */
  effectiveUntil: CalendarDate | null;
  source: string;
}

export interface RecruitmentPermitFacts {
  permitNumber: string;
  destination: string;
  quota: number;
  /** Placements already counted against the permit, not counting the one being evaluated. */
  used: number;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
}

export interface RecruiterFacts {
  id: string;
  name: string;
  licenceNumber: string;
  status: RecruiterStatus;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  /** Selected by the ministry for the SPSK channel. */
  spskSelected: boolean;
  permits: RecruitmentPermitFacts[];
}

/** What an officer recorded for a requirement that a person must verify (or evidence Lintas reads). */
export interface RecordedRequirement {
  kind: RequirementKind;
  status: RequirementStatus;
  documentNumber: string | null;
  issuer: string | null;
  issuedOn: CalendarDate | null;
  expiresOn: CalendarDate | null;
  note: string | null;
}

/** Everything the engine needs, gathered by the caller; the engine reads nothing else. */
export interface PlacementFacts {
  worker: {
    nik: string;
    sex: 'FEMALE' | 'MALE';
    dateOfBirth: CalendarDate;
    originRegencyCode: string;
    /** The current regency the NIK's region digits name (legacy Papua codes mapped), or null if none. */
    nikRegencyCode: string | null;
  };
  destination: string;
  destinationCity: string | null;
  sector: Sector;
  employerType: EmployerType;
  jobTitle: string;
  scheme: PlacementScheme | null;
  recruiter: RecruiterFacts | null;
  visaType: VisaType | null;
  contractStart: CalendarDate | null;
  contractEnd: CalendarDate | null;
  /** The day the rules are judged for: the planned departure, or the actual one when recording it. */
  departureDate: CalendarDate | null;
  /** The rules for this destination and sector, all effective dates. */
  rules: PlacementRule[];
  recorded: RecordedRequirement[];
}

export interface RequirementDecision {
  kind: RequirementKind;
  status: RequirementStatus;
  /** Why, in words an officer can act on; null when SATISFIED with nothing to add. */
  reason: string | null;
  evaluatedBy: 'LINTAS' | 'OFFICER';
}

export interface Evaluation {
  requirements: RequirementDecision[];
  /** True when the placement may be cleared (every requirement SATISFIED or WAIVED, no hard stop). */
  procedural: boolean;
  /** Why not: each unmet requirement and each hard stop, as `KIND: reason`. */
  proceduralReasons: string[];
  /** Hard stops that no waiver lifts: a banned destination, a suspended recruiter, a non-work visa. */
  hardStops: string[];
  destination: { decision: RuleDecision; ruleId: string | null; source: string | null };
  /** Engine version and a digest of the rules it read: which rule set made this decision. */
  ruleSetVersion: string;
}
