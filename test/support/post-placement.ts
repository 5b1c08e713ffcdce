import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PlacementHandle } from './placements.js';
import { graphql, type GraphqlResponse } from './test-api.js';

/** What the purna penempatan mutations answer about a placement. */
export const HOME_FIELDS = `id version stage returnedAt closedAt closureOutcome nextCheckInDueAt
  repatriation { id status reason needs note plannedArrivalAt sourceAlertId version requestedByAgency { code } }
  return { kind returnedAt portOfEntry healthOnArrival suspectedTraffickingVictim wagesOwed repatriationId }
  reintegrationRefusals { id services refusedAt note }
  timeline { type stageFrom stageTo actorType actorId }`;

export const REFERRAL_FIELDS = `id placementId service status consentGiven consentOverrideReason note outcome
  referredAt statusChangedAt version createdAt updatedAt
  agency { id code name } referredByAgency { code }
  worker { fullName sex dateOfBirth originRegencyCode phone }`;

export const REQUEST_REPATRIATION = `mutation Repatriate($placementId: ID!, $version: Int!, $input: RepatriationInput!) {
  requestRepatriation(placementId: $placementId, version: $version, input: $input) { ${HOME_FIELDS} }
}`;
export const UPDATE_REPATRIATION = `mutation UpdateRepatriation($id: ID!, $version: Int!, $input: RepatriationUpdateInput!) {
  updateRepatriation(id: $id, version: $version, input: $input) { ${HOME_FIELDS} }
}`;
export const RECORD_RETURN = `mutation Return($placementId: ID!, $version: Int!, $returnedAt: DateTime!, $input: ReturnInput) {
  recordReturn(placementId: $placementId, version: $version, returnedAt: $returnedAt, input: $input) { ${HOME_FIELDS} }
}`;
export const REFER = `mutation Refer($placementId: ID!, $input: ReferralInput!) {
  referToService(placementId: $placementId, input: $input) { ${REFERRAL_FIELDS} }
}`;
export const UPDATE_REFERRAL = `mutation UpdateReferral($id: ID!, $version: Int, $input: ReferralUpdateInput!) {
  updateReferral(id: $id, version: $version, input: $input) { ${REFERRAL_FIELDS} }
}`;
export const RECORD_REFUSAL = `mutation Refuse($placementId: ID!, $version: Int!, $input: ReintegrationRefusalInput!) {
  recordReintegrationRefusal(placementId: $placementId, version: $version, input: $input) { ${HOME_FIELDS} }
}`;
export const CLOSE_PLACEMENT = `mutation Close($placementId: ID!, $version: Int!, $outcome: String!) {
  closePlacement(placementId: $placementId, version: $version, outcome: $outcome) { ${HOME_FIELDS} }
}`;
export const REFERRAL = `query Referral($id: ID!) { referral(id: $id) { ${REFERRAL_FIELDS} } }`;
export const REFERRALS = `query Referrals($filter: ReferralFilterInput, $first: Int, $after: String) {
  referrals(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${REFERRAL_FIELDS} } }
  }
}`;
export const PLACEMENT_HOME = `query Placement($id: ID!) {
  placement(id: $id) { ${HOME_FIELDS} repatriations { id status } referrals { id service status } }
}`;

export interface RepatriationView {
  id: string;
  status: string;
  reason: string;
  needs: string[];
  note: string | null;
  plannedArrivalAt: string | null;
  sourceAlertId: string | null;
  version: number;
  requestedByAgency: { code: string } | null;
}

export interface PlacementReturnView {
  kind: string;
  returnedAt: string;
  portOfEntry: string | null;
  healthOnArrival: string | null;
  suspectedTraffickingVictim: boolean;
  wagesOwed: boolean;
  repatriationId: string | null;
}

export interface HomePlacement {
  id: string;
  version: number;
  stage: string;
  returnedAt: string | null;
  closedAt: string | null;
  closureOutcome: string | null;
  nextCheckInDueAt: string | null;
  repatriation: RepatriationView | null;
  return: PlacementReturnView | null;
  reintegrationRefusals: { id: string; services: string[]; refusedAt: string; note: string | null }[];
  timeline: {
    type: string;
    stageFrom: string | null;
    stageTo: string;
    actorType: string;
    actorId: string | null;
  }[];
  repatriations?: { id: string; status: string }[];
  referrals?: { id: string; service: string; status: string }[];
}

export interface ReferralView {
  id: string;
  placementId: string;
  service: string;
  status: string;
  consentGiven: boolean;
  consentOverrideReason: string | null;
  note: string | null;
  outcome: string | null;
  referredAt: string;
  statusChangedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  agency: { id: string; code: string; name: string } | null;
  referredByAgency: { code: string } | null;
  worker: {
    fullName: string;
    sex: string;
    dateOfBirth: string;
    originRegencyCode: string | null;
    phone: string | null;
  } | null;
}

/** The answer's data, or the test fails with the errors the API gave. */
function answered<T>(response: GraphqlResponse<Record<string, T>>, field: string): T {
  const value = response.data?.[field];
  if (response.errors || value === undefined) {
    throw new Error(`${field} failed: ${JSON.stringify(response.errors)}`);
  }
  return value;
}

export async function requestRepatriation(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  input: Record<string, unknown> = { reason: 'CONTRACT_ENDED' },
): Promise<HomePlacement> {
  const response = await graphql<{ requestRepatriation: HomePlacement }>(
    app,
    REQUEST_REPATRIATION,
    { placementId: placement.id, version: placement.version, input },
    headers,
  );
  return answered(response, 'requestRepatriation');
}

/** Moves the placement's repatriation on (ARRANGED, IN_TRANSIT, CANCELLED); `version` is the repatriation's. */
export async function updateRepatriation(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  repatriation: { id: string; version: number },
  input: Record<string, unknown>,
): Promise<HomePlacement> {
  const response = await graphql<{ updateRepatriation: HomePlacement }>(
    app,
    UPDATE_REPATRIATION,
    { id: repatriation.id, version: repatriation.version, input },
    headers,
  );
  return answered(response, 'updateRepatriation');
}

export async function recordReturn(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  returnedAt: Date,
  input?: Record<string, unknown>,
): Promise<HomePlacement> {
  const response = await graphql<{ recordReturn: HomePlacement }>(
    app,
    RECORD_RETURN,
    { placementId: placement.id, version: placement.version, returnedAt: returnedAt.toISOString(), input },
    headers,
  );
  return answered(response, 'recordReturn');
}

/** Refers the returned worker to a service, with consent unless the input says otherwise. */
export async function refer(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placementId: string,
  input: Record<string, unknown>,
): Promise<ReferralView> {
  const response = await graphql<{ referToService: ReferralView }>(
    app,
    REFER,
    { placementId, input: { consentGiven: true, ...input } },
    headers,
  );
  return answered(response, 'referToService');
}

/** Moves a referral on; with `version`, only if it is still the one read. */
export async function updateReferral(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  referralId: string,
  input: Record<string, unknown>,
  version?: number,
): Promise<ReferralView> {
  const response = await graphql<{ updateReferral: ReferralView }>(
    app,
    UPDATE_REFERRAL,
    { id: referralId, version, input },
    headers,
  );
  return answered(response, 'updateReferral');
}

export async function recordReintegrationRefusal(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  input: Record<string, unknown>,
): Promise<HomePlacement> {
  const response = await graphql<{ recordReintegrationRefusal: HomePlacement }>(
    app,
    RECORD_REFUSAL,
    { placementId: placement.id, version: placement.version, input },
    headers,
  );
  return answered(response, 'recordReintegrationRefusal');
}

export async function closePlacement(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  outcome: string,
): Promise<HomePlacement> {
  const response = await graphql<{ closePlacement: HomePlacement }>(
    app,
    CLOSE_PLACEMENT,
    { placementId: placement.id, version: placement.version, outcome },
    headers,
  );
  return answered(response, 'closePlacement');
}

/** The placement with its purna penempatan fields, as `headers` may see it. */
export async function placementHome(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placementId: string,
): Promise<GraphqlResponse<{ placement: HomePlacement | null }>> {
  return graphql<{ placement: HomePlacement | null }>(app, PLACEMENT_HOME, { id: placementId }, headers);
}
