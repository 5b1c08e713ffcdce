import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { AlertKind, AlertLedger, AlertSeverity, dedupeKeyOf } from '#lintas/alerts';
import { agencyWithUser, workerInput, type Officer } from '../factories.js';
import { confirmArrival, recordDeparture, reportStatus, type PlacementHandle } from '../placements.js';
import { OFFICER_VERIFIED } from '../requirements.js';
import { refer, recordReturn, requestRepatriation, updateReferral } from '../post-placement.js';
import { bearer, graphql, loginAs, registerWorker } from '../test-api.js';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);
const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const REGISTER_RECRUITER = `mutation Recruiter($input: RegisterRecruiterInput!) {
  registerRecruiter(input: $input) { id version }
}`;
const REGISTER_PLACEMENT = `mutation Register($input: RegisterPlacementInput!) {
  registerPlacement(input: $input) { id version }
}`;
const RECORD_REQUIREMENT = `mutation Requirement($placementId: ID!, $version: Int!, $input: RequirementInput!) {
  recordRequirement(placementId: $placementId, version: $version, input: $input) { id version }
}`;

/**
 * Real records for the fuzzed mutations to point at, and one valid input per mutation, each on
 * records of its own: every base input can be sent as it is, in any order, and is accepted.
 */
export interface FuzzWorld {
  /** The caller: a user with every role at a NATIONAL agency, so no refusal comes before validation. */
  caller: Officer;
  callerId: string;
  /** Every id the world holds, of every kind: filler values that may or may not fit a field. */
  ids: string[];
  /** A valid input (the arguments) for each mutation of the schema, by name. */
  validInputs: Record<string, Record<string, unknown>>;
  /**
   * Arguments that keep their valid value when the others are filled at random. A wrong current
   * password counts towards the caller's lockout, and a lockout is audited: a row, and a caller
   * locked out of the rest of the run. Broken on purpose, they still are, now and then.
   */
  pinned: Record<string, string[]>;
}

type Headers = Record<string, string>;

async function answered<T>(
  app: NestFastifyApplication,
  query: string,
  variables: Record<string, unknown>,
  headers: Headers,
): Promise<T> {
  const response = await graphql<Record<string, T>>(app, query, variables, headers);
  const [value] = Object.values(response.data ?? {});
  if (response.errors || value === undefined)
    throw new Error(`setup failed: ${JSON.stringify(response.errors)}`);
  return value;
}

export async function buildWorld(app: NestFastifyApplication, dataSource: DataSource): Promise<FuzzWorld> {
  const caller = await agencyWithUser({
    kind: 'NATIONAL',
    roles: 'ADMIN,OFFICER,LABOUR_OFFICER,PARTNER,CASE_HANDLER,AUDITOR',
  });
  const headers = bearer(await loginAs(app, caller));
  const [{ id: callerId }] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM user_account WHERE username = $1',
    [caller.username],
  );

  let serial = 0;
  const newWorker = (): Promise<string> => registerWorker(app, headers, workerInput({ serial: ++serial }));
  const recruiter = (licence: string): Promise<{ id: string; version: number }> =>
    answered(
      app,
      REGISTER_RECRUITER,
      {
        input: {
          name: `PT ${licence}`,
          licenceNumber: licence,
          validFrom: dateIn(-365),
          validUntil: dateIn(3 * 365),
          recruitmentPermits: [
            {
              permitNumber: `${licence}-MY`,
              destination: 'MY',
              quota: 50,
              validFrom: dateIn(-30),
              validUntil: dateIn(365),
            },
          ],
        },
      },
      headers,
    );
  const recruiterForPlacements = await recruiter('SIP3MI-FUZZ-1');
  const recruiterForPermit = await recruiter('SIP3MI-FUZZ-2');
  const recruiterForStatus = await recruiter('SIP3MI-FUZZ-3');

  const placementInput = (workerId: string): Record<string, unknown> => ({
    workerId,
    destination: 'MY',
    destinationCity: 'Kuala Lumpur',
    sector: 'FORMAL',
    employerType: 'LEGAL_ENTITY',
    employerName: 'Sdn Bhd Elektronik',
    jobTitle: 'Operator produksi',
    recruiterId: recruiterForPlacements.id,
    visaType: 'WORK',
    contractStart: dateIn(40),
    contractEnd: dateIn(40 + 730),
    plannedDepartureAt: new Date(Date.now() + 30 * DAY).toISOString(),
  });
  const registered = async (): Promise<PlacementHandle> =>
    answered(app, REGISTER_PLACEMENT, { input: placementInput(await newWorker()) }, headers);
  const requirement = (
    placement: PlacementHandle,
    input: Record<string, unknown>,
  ): Promise<PlacementHandle> =>
    answered(
      app,
      RECORD_REQUIREMENT,
      { placementId: placement.id, version: placement.version, input },
      headers,
    );
  const departed = async (): Promise<PlacementHandle> =>
    recordDeparture(app, headers, await registered(), daysAgo(200));
  const placed = async (): Promise<PlacementHandle> =>
    confirmArrival(app, headers, await departed(), daysAgo(199));
  const returned = async (): Promise<PlacementHandle> =>
    recordReturn(app, headers, await placed(), daysAgo(3), { portOfEntry: 'Soekarno-Hatta' });

  // Pra penempatan.
  const toDepart = await registered();
  const toCancel = await registered();
  const toRecordRequirement = await registered();
  let toClear = await registered();
  for (const kind of OFFICER_VERIFIED) {
    toClear = await requirement(toClear, {
      kind,
      status: 'SATISFIED',
      documentNumber: `${kind}-1`,
      expiresOn: dateIn(365),
    });
  }
  toClear = await requirement(toClear, {
    kind: 'PASSPORT_VALID',
    status: 'SATISFIED',
    documentNumber: 'C1234567',
    expiresOn: dateIn(5 * 365),
  });
  const workerToUpdate = await newWorker();
  const workerToPlace = await newWorker();

  // Masa penempatan.
  const toArrive = await departed();
  const forStatus = await placed();
  const forContact = await placed();
  const forContacts = await placed();
  const toRepatriate = await placed();
  const distressed = await reportStatus(app, headers, toRepatriate, 'DETAINED', daysAgo(1));
  const ledger = app.get(AlertLedger);
  const raise = async (kind: AlertKind, placementId: string): Promise<string> => {
    const { alertId } = await dataSource.transaction((manager) =>
      ledger.raise(manager, {
        kind,
        severity: AlertSeverity.HIGH,
        placementId,
        subjectAlertId: null,
        dedupeKey: dedupeKeyOf(kind, placementId),
        reason: `${kind} raised for the fuzz`,
      }),
    );
    return alertId;
  };
  const repatriationAlert = await raise(AlertKind.REPATRIATION_NEEDED, toRepatriate.id);
  const alertPlacement = await placed();
  const toAcknowledge = await raise(AlertKind.TRAFFICKING_INDICATORS, alertPlacement.id);
  const toAssign = await raise(AlertKind.CONTRACT_ENDING, alertPlacement.id);
  const toResolve = await raise(AlertKind.DOCUMENT_EXPIRING, alertPlacement.id);
  const repatriating = await requestRepatriation(app, headers, await placed(), { reason: 'CONTRACT_ENDED' });
  const toReturn = await placed();

  // Purna penempatan.
  const toRefer = await returned();
  const toRefuse = await returned();
  const toClose = await returned();
  const referred = await refer(app, headers, (await returned()).id, { service: 'MEDICAL' });
  const accepted = await updateReferral(app, headers, referred.id, { status: 'ACCEPTED' }, referred.version);

  const versioned = (placement: PlacementHandle): { placementId: string; version: number } => ({
    placementId: placement.id,
    version: placement.version,
  });
  const contact = {
    contactedAt: daysAgo(1).toISOString(),
    channel: 'WHATSAPP',
    reachedWorker: true,
    location: 'Kuala Lumpur',
    wellbeing: 'baik',
    indicators: [],
    note: 'Sehat, gaji dibayar',
  };
  const validInputs: Record<string, Record<string, unknown>> = {
    // No account is ever locked out: a wrong password for a real account would count towards it.
    login: { username: 'nobody-at-all', password: 'not-a-password' },
    registerWorker: {
      input: { ...workerInput({ serial: 9000 }), phone: '+6281234567890', passportNumber: 'C7654321' },
    },
    updateWorker: {
      id: workerToUpdate,
      version: 1,
      input: { fullName: 'Siti Aminah', phone: '+6281200000000' },
    },
    registerRecruiter: {
      input: {
        name: 'PT Baru',
        licenceNumber: 'SIP3MI-FUZZ-NEW',
        validFrom: dateIn(-10),
        validUntil: dateIn(700),
      },
    },
    addRecruitmentPermit: {
      recruiterId: recruiterForPermit.id,
      input: {
        permitNumber: 'SIP2MI-HK-1',
        destination: 'HK',
        quota: 10,
        validFrom: dateIn(-1),
        validUntil: dateIn(300),
      },
    },
    updateRecruiterStatus: {
      id: recruiterForStatus.id,
      version: recruiterForStatus.version,
      status: 'SUSPENDED',
      reason: 'Audit izin',
    },
    registerPlacement: { input: placementInput(workerToPlace) },
    recordRequirement: {
      ...versioned(toRecordRequirement),
      input: {
        kind: 'MEDICAL_FIT',
        status: 'SATISFIED',
        documentNumber: 'MCU-1',
        issuer: 'RS Ulin',
        issuedOn: dateIn(-3),
      },
    },
    clearForDeparture: versioned(toClear),
    recordDeparture: { ...versioned(toDepart), departedAt: daysAgo(1).toISOString(), port: 'Syamsudin Noor' },
    cancelPlacement: { ...versioned(toCancel), reason: 'Pekerja mengundurkan diri' },
    confirmArrival: {
      ...versioned(toArrive),
      arrivedAt: daysAgo(199).toISOString(),
      employer: { name: 'Sdn Bhd' },
    },
    updatePlacementStatus: {
      ...versioned(forStatus),
      input: { status: 'HOSPITALISED', effectiveAt: daysAgo(1).toISOString(), note: 'Dirawat' },
    },
    recordWelfareContact: { placementId: forContact.id, input: contact },
    recordWelfareContacts: { contacts: [{ ...contact, placementId: forContacts.id }] },
    reportWorkerAbroad: {
      input: {
        fullName: 'Rahmawati',
        dateOfBirth: '1990-05-05',
        sex: 'FEMALE',
        destination: 'MY',
        foundAt: daysAgo(1).toISOString(),
        circumstances: 'Datang ke shelter',
        status: 'IN_SHELTER',
        indicators: ['RETENTION_OF_IDENTITY_DOCUMENTS'],
      },
    },
    requestRepatriation: {
      ...versioned(distressed),
      input: { reason: 'ABUSE', needs: ['ESCORT'], note: 'Ditahan', alertId: repatriationAlert },
    },
    updateRepatriation: {
      id: repatriating.repatriation!.id,
      version: repatriating.repatriation!.version,
      input: { status: 'ARRANGED', plannedArrivalAt: new Date(Date.now() + 10 * DAY).toISOString() },
    },
    recordReturn: {
      ...versioned(toReturn),
      returnedAt: daysAgo(1).toISOString(),
      input: { portOfEntry: 'Soekarno-Hatta', healthOnArrival: 'HEALTHY', wagesOwed: true },
    },
    referToService: {
      placementId: toRefer.id,
      input: { service: 'LEGAL_AID', consentGiven: true, note: 'Gaji' },
    },
    updateReferral: {
      id: accepted.id,
      version: accepted.version,
      input: { status: 'IN_PROGRESS', note: 'Mulai' },
    },
    recordReintegrationRefusal: {
      ...versioned(toRefuse),
      input: { services: ['PSYCHOSOCIAL'], refusedAt: daysAgo(1).toISOString(), note: 'Tidak mau' },
    },
    closePlacement: { ...versioned(toClose), outcome: 'Kembali ke keluarga' },
    acknowledgeAlert: { id: toAcknowledge, version: 1 },
    assignAlert: { id: toAssign, userId: callerId, version: 1 },
    resolveAlert: { id: toResolve, note: 'Sudah ditangani', version: 1 },
  };

  const session = await graphql<{ login: { refreshToken: string } }>(
    app,
    `
      mutation Login($username: String!, $password: String!) {
        login(username: $username, password: $password) {
          refreshToken
        }
      }
    `,
    { username: caller.username, password: caller.password },
  );
  const refreshToken = session.data?.login.refreshToken;
  if (!refreshToken) throw new Error(`setup failed: ${JSON.stringify(session.errors)}`);
  validInputs.refreshSession = { refreshToken };
  validInputs.changePassword = {
    currentPassword: caller.password,
    newPassword: 'Tanjung-Puting 1971 orangutan',
  };
  validInputs.logout = {};

  const ids = (
    await dataSource.query<{ id: string }[]>(
      `SELECT id::text FROM worker UNION ALL SELECT id::text FROM placement UNION ALL SELECT id::text FROM alert
       UNION ALL SELECT id::text FROM agency UNION ALL SELECT id::text FROM user_account
       UNION ALL SELECT id::text FROM recruiter UNION ALL SELECT id::text FROM referral`,
    )
  ).map((row) => row.id);
  return { caller, callerId, ids, validInputs, pinned: { changePassword: ['currentPassword'] } };
}
