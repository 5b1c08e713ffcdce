/** The vocabulary of a placement, shared by the rule engine, the entities and the GraphQL types. */

export enum Sector {
  FORMAL = 'FORMAL',
  /** Household work for a person (perseorangan). */
  DOMESTIC = 'DOMESTIC',
  SEAFARER = 'SEAFARER',
  CARE_WORKER = 'CARE_WORKER',
  PLANTATION = 'PLANTATION',
  CONSTRUCTION = 'CONSTRUCTION',
  OTHER = 'OTHER',
}

export enum EmployerType {
  /** A household: the employer is a person. */
  INDIVIDUAL = 'INDIVIDUAL',
  LEGAL_ENTITY = 'LEGAL_ENTITY',
}

export enum VisaType {
  WORK = 'WORK',
  TOURIST = 'TOURIST',
  UMRAH = 'UMRAH',
  VISIT = 'VISIT',
  INTERNSHIP = 'INTERNSHIP',
  STUDENT = 'STUDENT',
  OTHER = 'OTHER',
}

export enum PlacementStage {
  REGISTERED = 'REGISTERED',
  CLEARED = 'CLEARED',
  DEPARTED = 'DEPARTED',
  PLACED = 'PLACED',
  REPATRIATING = 'REPATRIATING',
  RETURNED = 'RETURNED',
  REINTEGRATING = 'REINTEGRATING',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
  DECEASED = 'DECEASED',
  MISSING = 'MISSING',
}

export enum RequirementKind {
  // evaluated by Lintas
  AGE_MINIMUM = 'AGE_MINIMUM',
  NIK_CONSISTENT = 'NIK_CONSISTENT',
  LICENSED_RECRUITER = 'LICENSED_RECRUITER',
  RECRUITMENT_PERMIT = 'RECRUITMENT_PERMIT',
  DESTINATION_OPEN = 'DESTINATION_OPEN',
  PASSPORT_VALID = 'PASSPORT_VALID',
  // verified by an officer, with evidence (UU 18/2017 Pasal 5, 9, 12, 13)
  MARITAL_STATUS = 'MARITAL_STATUS',
  FAMILY_CONSENT = 'FAMILY_CONSENT',
  MEDICAL_FIT = 'MEDICAL_FIT',
  PSYCHOLOGICAL_FIT = 'PSYCHOLOGICAL_FIT',
  COMPETENCY_CERTIFICATE = 'COMPETENCY_CERTIFICATE',
  WORK_AGREEMENT = 'WORK_AGREEMENT',
  PLACEMENT_AGREEMENT = 'PLACEMENT_AGREEMENT',
  JOB_ORDER_VERIFIED = 'JOB_ORDER_VERIFIED',
  WORK_VISA = 'WORK_VISA',
  SOCIAL_SECURITY = 'SOCIAL_SECURITY',
  PRE_DEPARTURE_ORIENTATION = 'PRE_DEPARTURE_ORIENTATION',
  // proof of a procedural placement, not a Pasal 13 document
  EPMI_CARD = 'EPMI_CARD',
}

export enum RequirementStatus {
  PENDING = 'PENDING',
  SATISFIED = 'SATISFIED',
  FAILED = 'FAILED',
  WAIVED = 'WAIVED',
}

export enum RuleDecision {
  OPEN = 'OPEN',
  BANNED = 'BANNED',
  /** Open only through a named channel (the Saudi one-channel pilot, SPSK). */
  CHANNEL_ONLY = 'CHANNEL_ONLY',
}

export enum RecruiterStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
}

/** Government schemes that stand in for a licensed recruiter, or name a channel. */
export enum PlacementScheme {
  /** Government to government: no private recruiter. */
  G_TO_G = 'G_TO_G',
  /** Sistem Penempatan Satu Kanal: the Saudi one-channel pilot, through selected P3MI. */
  SPSK = 'SPSK',
}

/**
 * How worried the welfare check-ins make us about a worker abroad (stored on the placement, derived
 * by the check-in policy of placement abroad); placements are listed and counted by it.
 */
export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
