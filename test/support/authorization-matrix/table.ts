/**
 * Who may call what, and where: every operation the API serves × every caller × inside or outside the
 * caller's jurisdiction → the answer. Written from DESIGN.md ("Users" and "Access"), not from the @Allow
 * decorators: out-of-scope records answer NOT_FOUND (never FORBIDDEN, which would confirm they exist), a
 * role that may not act answers FORBIDDEN whatever the record, no credentials answer UNAUTHENTICATED.
 *
 * The callers, one column each (test/support/authorization-matrix/callers.ts makes them):
 * - anonymous: no credentials at all;
 * - ADMIN: a user of the NATIONAL agency. The nation has no outside, so its "outside" column is the other
 *   province's (and country's) record, which it reaches like any other;
 * - OFFICER, CASE_HANDLER, AUDITOR: users of the BP3MI of Kalimantan Selatan (province 63);
 * - LABOUR_OFFICER: a user of the Disnaker of Banjarbaru (regency 6372);
 * - PARTNER_KEY, PARTNER_USER: the embassy in Malaysia, by API key (its systems) and by a user.
 *
 * The records: "inside" is a worker from Banjarbaru (6372, province 63) placed in Malaysia, with its
 * alerts, referrals and repatriations; "outside" is a worker from Surabaya (3578, province 35) placed in
 * Saudi Arabia. Operations about no record of a jurisdiction (reference data, the caller itself, the
 * national register of recruiters) have one line, `anywhere`.
 *
 * Answers: OK (done, or the record read), SEEN / HIDDEN (a list or the live feed shows the record, or
 * not), or the `extensions.code` of the refusal. A refused mutation must leave everything as it was.
 */
export const CALLERS = [
  'anonymous',
  'ADMIN',
  'OFFICER',
  'LABOUR_OFFICER',
  'PARTNER_KEY',
  'PARTNER_USER',
  'CASE_HANDLER',
  'AUDITOR',
] as const;
export type CallerName = (typeof CALLERS)[number];

const OK = 'OK';
const SEEN = 'SEEN';
const HIDDEN = 'HIDDEN';
const UNAUTH = 'UNAUTHENTICATED';
const FORBIDDEN = 'FORBIDDEN';
const NOT_FOUND = 'NOT_FOUND';
const BAD_INPUT = 'BAD_USER_INPUT';
/** No error and no record: what a lookup answers for a key nobody registered. */
const NULL = 'NULL';

export type Answer =
  | typeof OK
  | typeof SEEN
  | typeof HIDDEN
  | typeof UNAUTH
  | typeof FORBIDDEN
  | typeof NOT_FOUND
  | typeof BAD_INPUT
  | typeof NULL;

/** One answer per caller, in the order of CALLERS. */
type Line = readonly [Answer, Answer, Answer, Answer, Answer, Answer, Answer, Answer];
export type Row = { inside: Line; outside: Line } | { anywhere: Line };
export type Scope = 'inside' | 'outside' | 'anywhere';

// A line per scope; columns:
//           anonymous  ADMIN  OFFICER  LABOUR_OFFICER  PARTNER_KEY  PARTNER_USER  CASE_HANDLER  AUDITOR
const everyReader: Line = [UNAUTH, OK, OK, OK, OK, OK, OK, OK];
const readersInScope: Row = {
  inside: everyReader,
  outside: [UNAUTH, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
};
const listedInScope: Row = {
  inside: [UNAUTH, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN],
  outside: [UNAUTH, SEEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
};
/** BP3MI officers register, verify, clear and stop departures (DESIGN "Users"); nobody else but ADMIN. */
const prePlacement: Row = {
  inside: [UNAUTH, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
  outside: [UNAUTH, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
};
const registerOnly: Line = [UNAUTH, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN];
/** The embassy or partner of the country reports on the worker abroad; so may the office of origin. */
const abroadReports: Row = {
  inside: [UNAUTH, OK, OK, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN],
  outside: [UNAUTH, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN],
};
/** Welfare contacts and repatriation: as abroadReports, and case handlers who reach the worker. */
const abroadCare: Row = {
  inside: [UNAUTH, OK, OK, FORBIDDEN, OK, OK, OK, FORBIDDEN],
  outside: [UNAUTH, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN],
};
/**
 * The return and reintegration are at home: the offices of origin (BP3MI, Disnaker) and case handlers
 * follow them; the embassy's part ends with the repatriation; the auditor changes nothing.
 */
const atHome: Row = {
  inside: [UNAUTH, OK, OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
  outside: [UNAUTH, OK, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN],
};
/** Alerts are handled by the agencies that receive them; partners read theirs and act on the placement. */
const alertHandling: Row = {
  inside: [UNAUTH, OK, OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
  outside: [UNAUTH, OK, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN],
};

export const MATRIX = {
  // Queries: every role reads, within its jurisdiction.
  agencies: { anywhere: everyReader },
  alert: readersInScope,
  /** Whom an alert can be handed to: asked by those who hand alerts on. */
  alertHandlers: { anywhere: [UNAUTH, OK, OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN] },
  alerts: listedInScope,
  /** The audit trail is the auditor's (DESIGN "Users"), and the national admin's. */
  auditTrail: {
    inside: [UNAUTH, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    outside: [UNAUTH, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND],
  },
  me: { anywhere: everyReader },
  placement: readersInScope,
  placementRules: { anywhere: everyReader },
  placements: listedInScope,
  recruiter: { anywhere: everyReader },
  recruiters: { anywhere: everyReader },
  /** Reference data (Kemendagri regions): anyone signed in, as forms check a NIK against it. */
  regions: { anywhere: everyReader },
  /** A referral is help given at home: the embassy of the destination does not see it. */
  referral: {
    inside: [UNAUTH, OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, OK],
    outside: readersInScope.outside,
  },
  referrals: {
    inside: [UNAUTH, SEEN, SEEN, SEEN, HIDDEN, HIDDEN, SEEN, SEEN],
    outside: listedInScope.outside,
  },
  /** Figures, narrowed to the caller's jurisdiction (statistics.e2e-spec.ts checks what they count). */
  statistics: { anywhere: everyReader },
  worker: readersInScope,
  /**
   * A lookup by NIK answers null for a worker out of scope, as for a NIK nobody registered: nothing
   * leaks, yet DESIGN's rule is NOT_FOUND, as worker(id) answers (reported; libs/registry decides).
   */
  workerByNik: {
    inside: everyReader,
    outside: [UNAUTH, OK, NULL, NULL, NULL, NULL, NULL, NULL],
  },
  workers: listedInScope,

  // Mutations.
  acknowledgeAlert: alertHandling,
  assignAlert: alertHandling,
  resolveAlert: alertHandling,
  /** The recruiters' register is national: BP3MI officers keep it, as they check licences at registration. */
  registerRecruiter: { anywhere: registerOnly },
  addRecruitmentPermit: { anywhere: registerOnly },
  updateRecruiterStatus: { anywhere: registerOnly },
  /** A worker from outside the caller's jurisdiction is a form error: nothing exists yet to hide. */
  registerWorker: {
    inside: prePlacement.inside,
    outside: [UNAUTH, OK, BAD_INPUT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
  },
  updateWorker: prePlacement,
  registerPlacement: prePlacement,
  recordRequirement: prePlacement,
  clearForDeparture: prePlacement,
  recordDeparture: prePlacement,
  cancelPlacement: prePlacement,
  confirmArrival: abroadReports,
  updatePlacementStatus: abroadReports,
  /**
   * By destination country: a provincial office has none, so an officer of Kalimantan Selatan names a
   * destination outside its jurisdiction wherever the worker was met (a national officer may report).
   */
  reportWorkerAbroad: {
    inside: [UNAUTH, OK, BAD_INPUT, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN],
    outside: [UNAUTH, OK, BAD_INPUT, FORBIDDEN, BAD_INPUT, BAD_INPUT, FORBIDDEN, FORBIDDEN],
  },
  recordWelfareContact: abroadCare,
  /** The batch answers a contact out of scope by its index, with NOT_FOUND, as the single mutation would. */
  recordWelfareContacts: abroadCare,
  requestRepatriation: abroadCare,
  updateRepatriation: abroadCare,
  recordReturn: atHome,
  referToService: atHome,
  recordReintegrationRefusal: atHome,
  closePlacement: atHome,
  /**
   * The agency addressed (a social service) or the office of origin moves a referral on; an embassy's
   * key or user gets in as PARTNER (a social service's system may hold that role) but finds nothing.
   */
  updateReferral: {
    inside: [UNAUTH, OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, FORBIDDEN],
    outside: [UNAUTH, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN],
  },
  /** Public: the way in, and the way to stay in (the refresh token is the credential). */
  login: { anywhere: [OK, OK, OK, OK, OK, OK, OK, OK] },
  refreshSession: { anywhere: [OK, OK, OK, OK, OK, OK, OK, OK] },
  /** A session is a user's: an API key has none to end, and no password; an administrator revokes it. */
  logout: { anywhere: [UNAUTH, OK, OK, OK, FORBIDDEN, OK, OK, OK] },
  changePassword: { anywhere: [UNAUTH, OK, OK, OK, FORBIDDEN, OK, OK, OK] },

  // Subscriptions: the live feed shows what alert(id) would answer.
  alertRaised: listedInScope,
} satisfies Record<string, Row>;

export type OperationName = keyof typeof MATRIX;
