import { registerEnumType } from '@nestjs/graphql';

/** The vocabulary of purna penempatan: repatriation, return and reintegration. */

/** Why a worker is brought home: UU 18/2017 Pasal 27, with trafficking and unpaid wages named on their own. */
export enum RepatriationReason {
  CONTRACT_ENDED = 'CONTRACT_ENDED',
  LEAVE = 'LEAVE',
  EARLY_TERMINATION = 'EARLY_TERMINATION',
  WORK_ACCIDENT_OR_ILLNESS = 'WORK_ACCIDENT_OR_ILLNESS',
  ABUSE = 'ABUSE',
  WAR_DISASTER_OR_EPIDEMIC = 'WAR_DISASTER_OR_EPIDEMIC',
  DEPORTATION = 'DEPORTATION',
  DEATH = 'DEATH',
  TRAFFICKING = 'TRAFFICKING',
  UNPAID_WAGES = 'UNPAID_WAGES',
  OTHER = 'OTHER',
}

/** What the journey home needs arranged. */
export enum RepatriationNeed {
  ESCORT = 'ESCORT',
  MEDICAL = 'MEDICAL',
  SHELTER = 'SHELTER',
  LEGAL_AID = 'LEGAL_AID',
  FLIGHT = 'FLIGHT',
  DOCUMENTS = 'DOCUMENTS',
}

/** A repatriation's own progress; COMPLETED is reached by recording the return. */
export enum RepatriationStatus {
  REQUESTED = 'REQUESTED',
  ARRANGED = 'ARRANGED',
  IN_TRANSIT = 'IN_TRANSIT',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

/** How a placement came home: at the end of its contract, brought home, or as remains. */
export enum ReturnKind {
  ORDINARY = 'ORDINARY',
  REPATRIATED = 'REPATRIATED',
  REMAINS = 'REMAINS',
}

/** The worker's health as found at the port of entry. */
export enum HealthOnArrival {
  HEALTHY = 'HEALTHY',
  NEEDS_TREATMENT = 'NEEDS_TREATMENT',
  HOSPITALISED = 'HOSPITALISED',
}

/** The reintegration services a returned worker can be referred to. */
export enum ServiceKind {
  SOCIAL_REHABILITATION = 'SOCIAL_REHABILITATION',
  MEDICAL = 'MEDICAL',
  PSYCHOSOCIAL = 'PSYCHOSOCIAL',
  LEGAL_AID = 'LEGAL_AID',
  ECONOMIC_EMPOWERMENT = 'ECONOMIC_EMPOWERMENT',
  SHELTER = 'SHELTER',
  FAMILY_REUNIFICATION = 'FAMILY_REUNIFICATION',
}

/** REFERRED → ACCEPTED → IN_PROGRESS → COMPLETED, or DECLINED on the way. */
export enum ReferralStatus {
  REFERRED = 'REFERRED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
}

/** A referral that still needs work: a placement cannot be closed while one is open. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.REFERRED,
  ReferralStatus.ACCEPTED,
  ReferralStatus.IN_PROGRESS,
];

/** The SQL list of an enum's values, for the CHECK constraints the migration and entities share. */
export function sqlValues(values: Record<string, string>): string {
  return Object.values(values)
    .map((value) => `'${value}'`)
    .join(', ');
}

registerEnumType(RepatriationReason, { name: 'RepatriationReason' });
registerEnumType(RepatriationNeed, { name: 'RepatriationNeed' });
registerEnumType(RepatriationStatus, { name: 'RepatriationStatus' });
registerEnumType(ReturnKind, { name: 'ReturnKind' });
registerEnumType(HealthOnArrival, { name: 'HealthOnArrival' });
registerEnumType(ServiceKind, { name: 'ServiceKind' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });
