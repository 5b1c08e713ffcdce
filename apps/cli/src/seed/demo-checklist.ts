import { RequirementKind, RequirementStatus, type RecordedRequirement } from '#lintas/pre-placement';
import type { DemoRandom } from './demo-random.js';
import { addDays, isoDay } from './demo-time.js';

/** The order an officer works through the checklist (UU 18/2017 Pasal 5, 9, 12 and 13). */
export const RECORDING_ORDER: readonly RequirementKind[] = [
  RequirementKind.PASSPORT_VALID,
  RequirementKind.MARITAL_STATUS,
  RequirementKind.FAMILY_CONSENT,
  RequirementKind.MEDICAL_FIT,
  RequirementKind.PSYCHOLOGICAL_FIT,
  RequirementKind.COMPETENCY_CERTIFICATE,
  RequirementKind.JOB_ORDER_VERIFIED,
  RequirementKind.PLACEMENT_AGREEMENT,
  RequirementKind.WORK_AGREEMENT,
  RequirementKind.SOCIAL_SECURITY,
  RequirementKind.WORK_VISA,
  RequirementKind.PRE_DEPARTURE_ORIENTATION,
  RequirementKind.EPMI_CARD,
];

/** What the documents of one placement are issued for. */
export interface PlacementPapers {
  plannedDay: string | null;
  contractEnd: string | null;
  destination: string;
  regencyName: string;
  missionName: string;
  recruiterName: string | null;
  employerName: string | null;
}

/**
 * The evidence an officer records for one requirement on `at`: a document named by number and
 * issuer, with dates that hold for the placement (a passport that outlasts the contract, a medical
 * certificate still valid on the departure day, a work visa for the contract and a little more).
 */
export function evidenceFor(
  rng: DemoRandom,
  kind: RequirementKind,
  status: RequirementStatus,
  at: Date,
  papers: PlacementPapers,
): RecordedRequirement {
  const year = at.getUTCFullYear();
  const day = isoDay(at);
  const number = (prefix: string): string => `${prefix}/${rng.digits(5)}/${year}`;
  const planned = papers.plannedDay ?? day;
  const contractEnd = papers.contractEnd ?? planned;
  const base = { kind, status, issuedOn: addDays(day, -rng.int(0, 20)), expiresOn: null, note: null };
  switch (kind) {
    case RequirementKind.PASSPORT_VALID: {
      let issued = addDays(day, -rng.int(10, 700));
      // An older passport would expire before the contract ends: the worker had a new one made.
      if (addDays(issued, 5 * 365) <= contractEnd) issued = addDays(day, -rng.int(5, 20));
      return {
        ...base,
        documentNumber: `C${rng.digits(7)}`,
        issuer: 'Kantor Imigrasi Kelas I TPI Banjarmasin',
        issuedOn: issued,
        expiresOn: addDays(issued, 5 * 365),
      };
    }
    case RequirementKind.MEDICAL_FIT: {
      const expires = addDays(base.issuedOn, 180);
      return {
        ...base,
        documentNumber: number('MCU'),
        issuer: 'Sarana Kesehatan PMI Banjarmasin',
        expiresOn: expires < addDays(planned, 10) ? addDays(planned, 60) : expires,
        note: status === RequirementStatus.FAILED ? 'Tidak memenuhi syarat kesehatan' : null,
      };
    }
    case RequirementKind.WORK_VISA:
      return {
        ...base,
        documentNumber: number('VISA'),
        issuer: `Perwakilan ${papers.destination} di Jakarta`,
        expiresOn: addDays(contractEnd, 90),
      };
    case RequirementKind.MARITAL_STATUS:
      return { ...base, documentNumber: number('474.2'), issuer: `Pemerintah desa, ${papers.regencyName}` };
    case RequirementKind.FAMILY_CONSENT:
      return { ...base, documentNumber: number('SIK'), issuer: 'Kepala desa' };
    case RequirementKind.PSYCHOLOGICAL_FIT:
      return { ...base, documentNumber: number('PSI'), issuer: 'Biro Psikologi Banjarmasin' };
    case RequirementKind.COMPETENCY_CERTIFICATE:
      return { ...base, documentNumber: number('LSP'), issuer: 'LSP P3MI Kalimantan Selatan' };
    case RequirementKind.JOB_ORDER_VERIFIED:
      return {
        ...base,
        documentNumber: number('JO'),
        issuer: `Atase Ketenagakerjaan, ${papers.missionName}`,
      };
    case RequirementKind.PLACEMENT_AGREEMENT:
      return {
        ...base,
        documentNumber: number('PP'),
        issuer: papers.recruiterName ?? 'BP3MI Kalimantan Selatan',
      };
    case RequirementKind.WORK_AGREEMENT:
      return { ...base, documentNumber: number('PK'), issuer: papers.employerName };
    case RequirementKind.SOCIAL_SECURITY:
      return { ...base, documentNumber: number('BPJSTK'), issuer: 'BPJS Ketenagakerjaan' };
    case RequirementKind.PRE_DEPARTURE_ORIENTATION:
      return { ...base, documentNumber: number('OPP'), issuer: 'BP3MI Kalimantan Selatan' };
    default:
      return { ...base, documentNumber: number('EPMI'), issuer: 'KP2MI' };
  }
}
