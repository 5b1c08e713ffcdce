/**
 * The data the flow starts from, made over GraphQL as an officer would make it elsewhere: a
 * recruiter (P3MI) whose licence and recruitment permit for Malaysia hold today, and a worker with
 * a placement the officer will let depart without clearance. And the dates the flow types, in
 * the officer's zone (WITA).
 */
import { REGENCY, type StageClient } from './console-stage.js';

/** Formal work for a company in Malaysia: open in the placement rules, so the destination check holds. */
export const DESTINATION = 'MY';

/** A calendar day in Kalimantan Selatan (WITA, UTC+8), `days` from today. */
export function witaDate(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Makassar' });
}

/** The time now in WITA as a datetime-local input takes it, `YYYY-MM-DDTHH:mm`, `minutes` from now. */
export function witaDateTime(minutes = 0): string {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Makassar',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A NIK that agrees with its regency, birth date and sex (40 added to a woman's day of birth). */
export function nikFor(dateOfBirth: string, sex: 'FEMALE' | 'MALE', serial: number): string {
  const [year = '', month = '', day = ''] = dateOfBirth.split('-');
  const encodedDay = Number(day) + (sex === 'FEMALE' ? 40 : 0);
  return `${REGENCY}01${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

export interface Recruiter {
  id: string;
  name: string;
  licenceNumber: string;
}

/** A P3MI licensed from last year to years ahead, with a recruitment permit (SIP2MI) for Malaysia. */
export async function registerRecruiter(officer: StageClient): Promise<Recruiter> {
  const validFrom = witaDate(-365);
  const validUntil = witaDate(3 * 365);
  const { registerRecruiter } = await officer.expect<{ registerRecruiter: Recruiter }>(
    `mutation ConsoleSuiteRecruiter($input: RegisterRecruiterInput!) {
      registerRecruiter(input: $input) { id name licenceNumber }
    }`,
    {
      input: {
        licenceNumber: 'SIP3MI-63-2025-017',
        name: 'PT Borneo Karya Mandiri',
        validFrom,
        validUntil,
        recruitmentPermits: [
          { destination: DESTINATION, permitNumber: 'SIP2MI-MY-2025-0042', quota: 50, validFrom, validUntil },
        ],
      },
    },
  );
  return registerRecruiter;
}

export interface PlacementHandle {
  id: string;
  workerName: string;
}

/** A worker of Banjarbaru with a REGISTERED placement through the recruiter, nothing verified yet. */
export async function registerWorkerWithPlacement(
  officer: StageClient,
  recruiter: Recruiter,
  worker: { fullName: string; dateOfBirth: string; sex: 'FEMALE' | 'MALE'; serial: number },
): Promise<PlacementHandle> {
  const { registerWorker } = await officer.expect<{ registerWorker: { id: string } }>(
    'mutation ConsoleSuiteWorker($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }',
    {
      input: {
        nik: nikFor(worker.dateOfBirth, worker.sex, worker.serial),
        fullName: worker.fullName,
        sex: worker.sex,
        dateOfBirth: worker.dateOfBirth,
        originRegencyCode: REGENCY,
      },
    },
  );
  const { registerPlacement } = await officer.expect<{ registerPlacement: { id: string } }>(
    'mutation ConsoleSuitePlacement($input: RegisterPlacementInput!) { registerPlacement(input: $input) { id } }',
    {
      input: {
        workerId: registerWorker.id,
        destination: DESTINATION,
        sector: 'FORMAL',
        employerType: 'LEGAL_ENTITY',
        employerName: 'Sinar Jaya Sdn Bhd',
        jobTitle: 'Operator produksi',
        recruiterId: recruiter.id,
        visaType: 'WORK',
        contractStart: witaDate(30),
        contractEnd: witaDate(30 + 2 * 365),
      },
    },
  );
  return { id: registerPlacement.id, workerName: worker.fullName };
}
