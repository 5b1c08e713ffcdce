import { NotFoundError } from '#lintas/core';
import { findRegencyOfNik, parseNik, type WorkerService } from '#lintas/registry';
import type { EntityManager } from 'typeorm';
import { loadRecruiterFacts } from '../recruiter/recruiter.facts.js';
import { findPlacementRules } from '../rules/placement-rule.queries.js';
import type { CalendarDate, PlacementFacts, RecordedRequirement } from '../rules/rule-engine.types.js';
import type { Placement } from './placement.entity.js';
import type { RequirementView } from './requirement-document.js';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar day of an instant in Western Indonesia Time (UTC+7), where most departures are
 * processed: "18 on the departure day" is judged on the Indonesian calendar, not on UTC's.
 */
export function indonesianDate(instant: Date): CalendarDate {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

export type PlacementTerms = Pick<
  Placement,
  | 'workerId'
  | 'destination'
  | 'destinationCity'
  | 'sector'
  | 'employerType'
  | 'jobTitle'
  | 'recruiterId'
  | 'scheme'
  | 'visaType'
  | 'contractStart'
  | 'contractEnd'
>;

/** Gathers, inside the caller's transaction, everything the rule engine reads about a placement. */
export async function gatherFacts(
  manager: EntityManager,
  workers: WorkerService,
  terms: PlacementTerms,
  departureDate: CalendarDate | null,
  recorded: Pick<
    RequirementView,
    'kind' | 'recordedStatus' | 'documentNumber' | 'issuer' | 'issuedOn' | 'expiresOn' | 'note'
  >[],
  placementId?: string,
): Promise<PlacementFacts> {
  // The caller has authorised the access through the placement (or the worker itself).
  const worker = await workers.findAuthorised(manager, terms.workerId);
  if (!worker) throw new NotFoundError('Worker', terms.workerId);
  // An incomplete worker (reported abroad) may have no NIK nor origin: NIK_CONSISTENT then fails.
  const nik = parseNik(worker.nik ?? '');
  const nikRegency = nik ? await findRegencyOfNik(manager, nik.regencyCode) : undefined;
  const recruiter = terms.recruiterId
    ? await loadRecruiterFacts(manager, terms.recruiterId, terms.destination, placementId)
    : null;
  return {
    worker: {
      nik: worker.nik ?? '',
      sex: worker.sex,
      dateOfBirth: worker.dateOfBirth,
      originRegencyCode: worker.originRegency?.code ?? '',
      nikRegencyCode: nikRegency?.code ?? null,
    },
    destination: terms.destination,
    destinationCity: terms.destinationCity,
    sector: terms.sector,
    employerType: terms.employerType,
    jobTitle: terms.jobTitle,
    scheme: terms.scheme,
    recruiter,
    visaType: terms.visaType,
    contractStart: terms.contractStart,
    contractEnd: terms.contractEnd,
    departureDate,
    rules: await findPlacementRules(manager, terms.destination, terms.sector),
    recorded: recorded.flatMap((row): RecordedRequirement[] =>
      row.recordedStatus
        ? [
            {
              kind: row.kind,
              status: row.recordedStatus,
              documentNumber: row.documentNumber,
              issuer: row.issuer,
              issuedOn: row.issuedOn,
              expiresOn: row.expiresOn,
              note: row.note,
            },
          ]
        : [],
    ),
  };
}
