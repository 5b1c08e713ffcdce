import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { graphql } from './test-api.js';

const REGISTER_PLACEMENT = `mutation Register($input: RegisterPlacementInput!) { registerPlacement(input: $input) { id version } }`;
const DEPART = `mutation Depart($placementId: ID!, $version: Int!, $departedAt: DateTime!) {
  recordDeparture(placementId: $placementId, version: $version, departedAt: $departedAt) { id version stage procedural }
}`;
const REPORT_STATUS = `mutation Status($placementId: ID!, $version: Int!, $input: PlacementStatusInput!) {
  updatePlacementStatus(placementId: $placementId, version: $version, input: $input) { id version stage }
}`;
export const CONFIRM_ARRIVAL = `mutation Arrive($placementId: ID!, $version: Int!, $arrivedAt: DateTime!) {
  confirmArrival(placementId: $placementId, version: $version, arrivedAt: $arrivedAt) { id version stage }
}`;
const RECORD_CONTACT = `mutation Contact($placementId: ID!, $input: WelfareContactInput!) {
  recordWelfareContact(placementId: $placementId, input: $input) { id contactedAt reachedWorker wellbeing }
}`;

export interface PlacementHandle {
  id: string;
  version: number;
}

export interface DepartedPlacement extends PlacementHandle {
  stage: string;
  procedural: boolean;
}

/** Registers a G-to-G formal placement of the worker to `destination`; fails the test if the API refuses. */
export async function registerPlacement(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  workerId: string,
  destination: string,
): Promise<PlacementHandle> {
  const response = await graphql<{ registerPlacement: PlacementHandle }>(
    app,
    REGISTER_PLACEMENT,
    {
      input: {
        workerId,
        destination,
        sector: 'FORMAL',
        employerType: 'LEGAL_ENTITY',
        jobTitle: 'Operator',
        scheme: 'G_TO_G',
        visaType: 'WORK',
      },
    },
    headers,
  );
  const placement = response.data?.registerPlacement;
  if (!placement) throw new Error(`registerPlacement failed: ${JSON.stringify(response.errors)}`);
  return placement;
}

/** Records the placement's departure at `departedAt`, cleared or not; fails the test if the API refuses. */
export async function recordDeparture(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  departedAt: Date,
): Promise<DepartedPlacement> {
  const response = await graphql<{ recordDeparture: DepartedPlacement }>(
    app,
    DEPART,
    { placementId: placement.id, version: placement.version, departedAt: departedAt.toISOString() },
    headers,
  );
  const departed = response.data?.recordDeparture;
  if (!departed) throw new Error(`recordDeparture failed: ${JSON.stringify(response.errors)}`);
  return departed;
}

/** An embassy or partner reports a partner status (DETAINED, DECEASED, …) effective at `effectiveAt`. */
export async function reportStatus(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  status: string,
  effectiveAt: Date,
): Promise<PlacementHandle & { stage: string }> {
  const response = await graphql<{ updatePlacementStatus: PlacementHandle & { stage: string } }>(
    app,
    REPORT_STATUS,
    {
      placementId: placement.id,
      version: placement.version,
      input: { status, effectiveAt: effectiveAt.toISOString() },
    },
    headers,
  );
  const reported = response.data?.updatePlacementStatus;
  if (response.errors || !reported) {
    throw new Error(`updatePlacementStatus failed: ${JSON.stringify(response.errors)}`);
  }
  return reported;
}

/** An embassy or partner confirms the worker arrived; fails the test if the API refuses. */
export async function confirmArrival(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placement: PlacementHandle,
  arrivedAt: Date,
): Promise<PlacementHandle & { stage: string }> {
  const response = await graphql<{ confirmArrival: PlacementHandle & { stage: string } }>(
    app,
    CONFIRM_ARRIVAL,
    { placementId: placement.id, version: placement.version, arrivedAt: arrivedAt.toISOString() },
    headers,
  );
  const arrived = response.data?.confirmArrival;
  if (response.errors || !arrived)
    throw new Error(`confirmArrival failed: ${JSON.stringify(response.errors)}`);
  return arrived;
}

/** A welfare contact with the worker abroad; fails the test if the API refuses. */
export async function recordWelfareContact(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  placementId: string,
  input: Record<string, unknown>,
): Promise<{ id: string; contactedAt: string; reachedWorker: boolean; wellbeing: string | null }> {
  const response = await graphql<{
    recordWelfareContact: {
      id: string;
      contactedAt: string;
      reachedWorker: boolean;
      wellbeing: string | null;
    };
  }>(app, RECORD_CONTACT, { placementId, input }, headers);
  const contact = response.data?.recordWelfareContact;
  if (response.errors || !contact) {
    throw new Error(`recordWelfareContact failed: ${JSON.stringify(response.errors)}`);
  }
  return contact;
}
