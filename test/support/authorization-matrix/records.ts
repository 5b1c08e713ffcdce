import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { AlertKind, AlertLedger, AlertSeverity, dedupeKeyOf } from '#lintas/alerts';
import { agencyWithUser, cli, workerInput } from '../factories.js';
import { confirmArrival, recordDeparture, type PlacementHandle } from '../placements.js';
import { recordReturn, refer, requestRepatriation } from '../post-placement.js';
import { bearer, graphql, loginAs, registerWorker } from '../test-api.js';

/** Where a record lies: in every caller's jurisdiction but the other province's, or in none of them. */
export type Side = 'inside' | 'outside';

const ORIGIN: Record<Side, string> = { inside: '6372', outside: '3578' };
const DESTINATION: Record<Side, string> = { inside: 'MY', outside: 'SA' };

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
export const ago = (ms: number): Date => new Date(Date.now() - ms);
const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const REGISTER_PLACEMENT = `mutation Register($input: RegisterPlacementInput!) { registerPlacement(input: $input) { id version } }`;
const REQUIREMENTS = `query Requirements($id: ID!) {
  placement(id: $id) { id version requirements { kind status evaluatedBy } }
}`;
const RECORD_REQUIREMENT = `mutation Record($placementId: ID!, $version: Int!, $input: RequirementInput!) {
  recordRequirement(placementId: $placementId, version: $version, input: $input) { id version }
}`;
const REGISTER_RECRUITER = `mutation Recruiter($input: RegisterRecruiterInput!) { registerRecruiter(input: $input) { id version } }`;

export interface WorkerRecord {
  id: string;
  nik: string;
  fullName: string;
}

export interface ReadableRecord {
  worker: WorkerRecord;
  placementId: string;
  referralId: string;
  alertId: string;
}

/** The window of planned departures that holds the readable records of both sides. */
export const listedDepartures = (): { plannedDepartureFrom: string; plannedDepartureTo: string } => ({
  plannedDepartureFrom: new Date(Date.now() + 10 * DAY).toISOString(),
  plannedDepartureTo: new Date(Date.now() + 30 * DAY).toISOString(),
});

export interface ReferredRecord {
  placement: PlacementHandle;
  referralId: string;
}

export interface RepatriatingRecord {
  placement: PlacementHandle;
  repatriation: { id: string; version: number };
}

export interface AlertRecord {
  id: string;
  placementId: string;
}

/**
 * Makes the records the cells act on, through the API as a national admin would (the only caller
 * that may take a placement through every stage on both sides), and alerts the way detection
 * raises them. Each call makes a new record: a cell expected to change one gets its own.
 */
export class Records {
  private serial = 0;

  private constructor(
    private readonly app: NestFastifyApplication,
    private readonly dataSource: DataSource,
    private readonly setup: Record<string, string>,
    /** A Dinas Sosial: reintegration referrals are addressed to a social service at home. */
    readonly socialServiceId: string,
  ) {}

  static async make(app: NestFastifyApplication, dataSource: DataSource): Promise<Records> {
    const setup = bearer(await loginAs(app, await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' })));
    await cli([
      'create-agency',
      '--code',
      'dinsos-kalsel',
      '--name',
      'Dinsos Kalsel',
      '--kind',
      'SOCIAL_SERVICE',
      '--provinces',
      '63',
    ]);
    const [agency] = await dataSource.query<{ id: string }[]>('SELECT id FROM agency WHERE code = $1', [
      'dinsos-kalsel',
    ]);
    return new Records(app, dataSource, setup, agency.id);
  }

  /** A new worker from the side's regency; `fullName` picks the worker out of a list. */
  async worker(side: Side, fullName?: string): Promise<WorkerRecord> {
    this.serial += 1;
    const input = workerInput(
      { regencyCode: ORIGIN[side], dateOfBirth: '1990-06-15', serial: this.serial },
      fullName ? { fullName } : {},
    );
    const id = await registerWorker(this.app, this.setup, input);
    return { id, nik: String(input.nik), fullName: String(input.fullName) };
  }

  /** What a new worker of the side would be registered with, without registering it. */
  workerInput(side: Side): Record<string, unknown> {
    this.serial += 1;
    return workerInput({ regencyCode: ORIGIN[side], dateOfBirth: '1991-02-03', serial: this.serial });
  }

  destination(side: Side): string {
    return DESTINATION[side];
  }

  /** A placement registration of the worker to the side's country, as the form would send it. */
  placementInput(side: Side, workerId: string, plannedDepartureAt?: Date): Record<string, unknown> {
    return {
      workerId,
      destination: DESTINATION[side],
      sector: 'FORMAL',
      employerType: 'LEGAL_ENTITY',
      jobTitle: 'Operator',
      scheme: 'G_TO_G',
      visaType: 'WORK',
      contractStart: dateIn(30),
      contractEnd: dateIn(30 + 730),
      ...(plannedDepartureAt && { plannedDepartureAt: plannedDepartureAt.toISOString() }),
    };
  }

  async registered(
    side: Side,
    plannedDepartureAt?: Date,
    fullName?: string,
  ): Promise<PlacementHandle & { worker: WorkerRecord }> {
    const worker = await this.worker(side, fullName);
    const response = await graphql<{ registerPlacement: PlacementHandle }>(
      this.app,
      REGISTER_PLACEMENT,
      { input: this.placementInput(side, worker.id, plannedDepartureAt) },
      this.setup,
    );
    if (!response.data) throw new Error(`registerPlacement failed: ${JSON.stringify(response.errors)}`);
    return { ...response.data.registerPlacement, worker };
  }

  /**
   * The record the reading cells look for: a worker home again and referred, with an open alert. Only
   * these placements have a planned departure, and only these workers are named "Listed …", so a list
   * filtered on either holds the two sides' records and nothing else.
   */
  async readable(side: Side): Promise<ReadableRecord> {
    const plannedDepartureAt = new Date(Date.now() + (side === 'inside' ? 20 : 21) * DAY);
    const registered = await this.registered(side, plannedDepartureAt, `Listed ${side}`);
    const departed = await recordDeparture(this.app, this.setup, registered, ago(2 * DAY));
    const placed = await confirmArrival(this.app, this.setup, departed, ago(DAY));
    await recordReturn(this.app, this.setup, placed, ago(HOUR));
    const referral = await refer(this.app, this.setup, registered.id, {
      service: 'PSYCHOSOCIAL',
      agencyId: this.socialServiceId,
    });
    const alert = await this.alert(side, registered.id);
    return {
      worker: registered.worker,
      placementId: registered.id,
      referralId: referral.id,
      alertId: alert.id,
    };
  }

  /** Registered, every requirement an officer verifies recorded as satisfied: ready to be cleared. */
  async ready(side: Side): Promise<PlacementHandle> {
    // Age is judged on the day of departure: without a planned one, clearance waits.
    let placement: PlacementHandle = await this.registered(side, new Date(Date.now() + 5 * DAY));
    const read = await graphql<{
      placement: PlacementHandle & { requirements: { kind: string; status: string; evaluatedBy: string }[] };
    }>(this.app, REQUIREMENTS, { id: placement.id }, this.setup);
    // What Lintas evaluates it evaluates itself, from the facts; of those, the passport needs its evidence.
    const pending = (read.data?.placement.requirements ?? []).filter(
      (requirement) =>
        requirement.status !== 'SATISFIED' &&
        (requirement.evaluatedBy === 'OFFICER' || requirement.kind === 'PASSPORT_VALID'),
    );
    for (const { kind } of pending) {
      const response = await graphql<{ recordRequirement: PlacementHandle }>(
        this.app,
        RECORD_REQUIREMENT,
        {
          placementId: placement.id,
          version: placement.version,
          input: { kind, status: 'SATISFIED', documentNumber: `${kind}-1`, expiresOn: dateIn(5 * 365) },
        },
        this.setup,
      );
      if (!response.data) throw new Error(`recordRequirement failed: ${JSON.stringify(response.errors)}`);
      placement = response.data.recordRequirement;
    }
    return placement;
  }

  async departed(side: Side): Promise<PlacementHandle> {
    return recordDeparture(this.app, this.setup, await this.registered(side), ago(2 * DAY));
  }

  async placed(side: Side): Promise<PlacementHandle> {
    return confirmArrival(this.app, this.setup, await this.departed(side), ago(DAY));
  }

  async returned(side: Side): Promise<PlacementHandle> {
    return recordReturn(this.app, this.setup, await this.placed(side), ago(HOUR));
  }

  async repatriating(side: Side): Promise<RepatriatingRecord> {
    const placement = await requestRepatriation(this.app, this.setup, await this.placed(side));
    if (!placement.repatriation) throw new Error('requestRepatriation answered no repatriation');
    return { placement, repatriation: placement.repatriation };
  }

  async referred(side: Side): Promise<ReferredRecord> {
    const placement = await this.returned(side);
    const referral = await refer(this.app, this.setup, placement.id, {
      service: 'PSYCHOSOCIAL',
      agencyId: this.socialServiceId,
    });
    return { placement, referralId: referral.id };
  }

  /** An open alert about a new placement of the side, raised as detection raises it. */
  async alert(side: Side, placementId?: string): Promise<AlertRecord> {
    const about = placementId ?? (await this.registered(side)).id;
    const { alertId } = await this.dataSource.transaction((manager) =>
      this.app.get(AlertLedger).raise(manager, {
        kind: AlertKind.MISSED_CHECK_IN,
        severity: AlertSeverity.MEDIUM,
        placementId: about,
        subjectAlertId: null,
        dedupeKey: dedupeKeyOf(AlertKind.MISSED_CHECK_IN, about),
        reason: 'raised for the authorization matrix',
      }),
    );
    return { id: alertId, placementId: about };
  }

  async recruiter(): Promise<{ id: string; version: number }> {
    const response = await graphql<{ registerRecruiter: { id: string; version: number } }>(
      this.app,
      REGISTER_RECRUITER,
      { input: this.recruiterInput() },
      this.setup,
    );
    if (!response.data) throw new Error(`registerRecruiter failed: ${JSON.stringify(response.errors)}`);
    return response.data.registerRecruiter;
  }

  recruiterInput(): Record<string, unknown> {
    this.serial += 1;
    return {
      name: `PT Matriks Tenaga ${this.serial}`,
      licenceNumber: `SIP3MI-M${this.serial}/2025`,
      validFrom: dateIn(-365),
      validUntil: dateIn(3 * 365),
    };
  }

  permitInput(): Record<string, unknown> {
    this.serial += 1;
    return {
      permitNumber: `SIP2MI-M${this.serial}`,
      destination: 'MY',
      quota: 10,
      validFrom: dateIn(-30),
      validUntil: dateIn(365),
    };
  }
}
