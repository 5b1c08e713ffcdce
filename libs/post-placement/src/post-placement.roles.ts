import { READERS, Role } from '#lintas/access';

/**
 * Who does what in purna penempatan. The resolver lets these roles in; the jurisdiction narrows
 * them to the placements they concern. The referral service reads REINTEGRATION_ROLES too: the office
 * of origin updates a referral addressed to another agency only in one of them.
 */

/** Who brings a worker home: the embassy or partner of the country, and the office of origin. */
export const REPATRIATION_ROLES = [Role.PARTNER, Role.OFFICER, Role.ADMIN, Role.CASE_HANDLER] as const;

/** Who refers a returned worker, records a refusal or closes the case, for the office of origin. */
export const REINTEGRATION_ROLES = [
  Role.OFFICER,
  Role.ADMIN,
  Role.CASE_HANDLER,
  Role.LABOUR_OFFICER,
] as const;

/**
 * The return is witnessed at home, at the port of entry, by the office of origin; the embassy's part
 * ends with the repatriation in transit (DESIGN.md gives partners no part in the return).
 */
export const RETURN_RECORDERS = REINTEGRATION_ROLES;

/** Everyone who reads, except auditors, who change nothing; the service narrows it to whom it concerns. */
export const REFERRAL_UPDATERS = READERS.filter((role) => role !== Role.AUDITOR);
