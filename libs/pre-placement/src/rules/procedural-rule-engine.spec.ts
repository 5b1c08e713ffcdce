import { readFileSync } from 'node:fs';

import { parseCsv } from '../../../../migrations/support/csv.js';
import {
  EmployerType,
  PlacementScheme,
  RecruiterStatus,
  RequirementKind,
  RequirementStatus,
  RuleDecision,
  Sector,
  VisaType,
} from '../placement/placement.enums.js';
import {
  applicableRequirements,
  decideDestination,
  evaluatePlacement,
  RULE_ENGINE_VERSION,
  ruleSetVersion,
} from './procedural-rule-engine.js';
import type {
  Evaluation,
  PlacementFacts,
  PlacementRule,
  RecordedRequirement,
  RecruiterFacts,
  RecruitmentPermitFacts,
} from './rule-engine.types.js';

// ---- the rule table, read from the files the migration loads, with the same parser ----

function readRuleFile(file: string): Record<string, string>[] {
  return parseCsv(readFileSync(new URL(`../../../../data/placement-rules/${file}`, import.meta.url), 'utf8'));
}

function member<T extends string>(values: Record<string, T>, value: string): T {
  const found = Object.values(values).find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`"${value}" is not one of ${Object.values(values).join(', ')}`);
  return found;
}

const list = (field: string): string[] =>
  field
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** As migrations/1764000000300-placement-rules.ts reads the delivered moratorium file. */
const MORATORIUM: PlacementRule[] = readRuleFile('moratorium-kepmenaker-260-2015.csv').map((row) => {
  if (row.sector !== 'domestic_worker_individual_employer') throw new Error(`unknown sector ${row.sector}`);
  return {
    id: `kepmenaker-260-2015:${row.country_iso2}`,
    destination: row.country_iso2,
    sector: Sector.DOMESTIC,
    employerType: EmployerType.INDIVIDUAL,
    decision: RuleDecision.BANNED,
    jobs: [],
    cities: [],
    channel: null,
    effectiveFrom: '2015-07-01',
    effectiveUntil: null,
    source: row.source,
  };
});

const SPSK_RULES: PlacementRule[] = readRuleFile('spsk-saudi-one-channel-2018.csv').map((row) => ({
  id: row.rule_id,
  destination: row.destination,
  sector: member(Sector, row.sector),
  employerType: row.employer_type ? member(EmployerType, row.employer_type) : null,
  decision: member(RuleDecision, row.decision),
  jobs: list(row.jobs),
  cities: list(row.cities),
  channel: row.channel ? member(PlacementScheme, row.channel) : null,
  effectiveFrom: row.effective_from,
  effectiveUntil: row.effective_until || null,
  source: row.source,
}));

const RULES: PlacementRule[] = [...MORATORIUM, ...SPSK_RULES];
const BANNED_COUNTRIES = MORATORIUM.map((rule) => rule.destination);

// ---- factories: a placement that is procedural in every respect, and helpers to spoil it ----

const DEPARTURE = '2025-06-02';

type Day = string | null;

/** What a table row expects of one requirement's decision. */
interface Expected {
  status: RequirementStatus;
  reason: string | null;
}

/** `PP KK CC DDMMYY SSSS`, with 40 added to the day for women. */
function nik(regency: string, dateOfBirth: string, sex: 'FEMALE' | 'MALE'): string {
  const [year, month, day] = dateOfBirth.split('-');
  const encodedDay = Number(day) + (sex === 'FEMALE' ? 40 : 0);
  return `${regency}01${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}0001`;
}

function permit(overrides: Partial<RecruitmentPermitFacts> = {}): RecruitmentPermitFacts {
  return {
    permitNumber: 'SIP2MI-0001',
    destination: 'MY',
    quota: 10,
    used: 3,
    validFrom: '2025-01-01',
    validUntil: '2026-12-31',
    ...overrides,
  };
}

function recruiter(overrides: Partial<RecruiterFacts> = {}): RecruiterFacts {
  return {
    id: 'recruiter-1',
    name: 'PT Maju Bersama',
    licenceNumber: 'SIP3MI-123',
    status: RecruiterStatus.ACTIVE,
    validFrom: '2020-01-01',
    validUntil: '2029-12-31',
    spskSelected: false,
    permits: [permit()],
    ...overrides,
  };
}

const OFFICER_KINDS = [
  RequirementKind.MARITAL_STATUS,
  RequirementKind.FAMILY_CONSENT,
  RequirementKind.MEDICAL_FIT,
  RequirementKind.PSYCHOLOGICAL_FIT,
  RequirementKind.COMPETENCY_CERTIFICATE,
  RequirementKind.WORK_AGREEMENT,
  RequirementKind.PLACEMENT_AGREEMENT,
  RequirementKind.JOB_ORDER_VERIFIED,
  RequirementKind.WORK_VISA,
  RequirementKind.SOCIAL_SECURITY,
  RequirementKind.PRE_DEPARTURE_ORIENTATION,
  RequirementKind.EPMI_CARD,
];

function recorded(kind: RequirementKind, overrides: Partial<RecordedRequirement> = {}): RecordedRequirement {
  return {
    kind,
    status: RequirementStatus.SATISFIED,
    documentNumber: `${kind}-1`,
    issuer: 'BP3MI Jawa Barat',
    issuedOn: '2025-01-15',
    expiresOn: null,
    note: null,
    ...overrides,
  };
}

const PASSPORT = recorded(RequirementKind.PASSPORT_VALID, {
  documentNumber: 'C1234567',
  expiresOn: '2030-01-14',
});

/** Everything verified; `replace` swaps the record of a kind (undefined: none recorded). */
function records(replace: Partial<Record<RequirementKind, RecordedRequirement | undefined>> = {}) {
  const all = [PASSPORT, ...OFFICER_KINDS.map((kind) => recorded(kind))];
  return [
    ...all.filter((record) => !(record.kind in replace)),
    ...Object.values(replace).filter((record) => record !== undefined),
  ];
}

function facts(overrides: Partial<PlacementFacts> = {}): PlacementFacts {
  return {
    worker: {
      nik: nik('3201', '1998-04-12', 'MALE'),
      sex: 'MALE',
      dateOfBirth: '1998-04-12',
      originRegencyCode: '3201',
      nikRegencyCode: '3201',
    },
    destination: 'MY',
    destinationCity: 'Penang',
    sector: Sector.FORMAL,
    employerType: EmployerType.LEGAL_ENTITY,
    jobTitle: 'factory operator',
    scheme: null,
    recruiter: recruiter(),
    visaType: VisaType.WORK,
    contractStart: '2025-06-05',
    contractEnd: '2027-06-04',
    departureDate: DEPARTURE,
    rules: RULES,
    recorded: records(),
    ...overrides,
  };
}

function worker(dateOfBirth: string, sex: 'FEMALE' | 'MALE', regency = '3201'): PlacementFacts['worker'] {
  return {
    nik: nik(regency, dateOfBirth, sex),
    sex,
    dateOfBirth,
    originRegencyCode: regency,
    nikRegencyCode: regency,
  };
}

/** A domestic worker through the Saudi one channel, inside it on every count. */
function spsk(overrides: Partial<PlacementFacts> = {}): PlacementFacts {
  return facts({
    destination: 'SA',
    destinationCity: 'Riyadh',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.LEGAL_ENTITY,
    jobTitle: 'Housekeeper',
    scheme: PlacementScheme.SPSK,
    recruiter: recruiter({ spskSelected: true, permits: [permit({ destination: 'SA' })] }),
    ...overrides,
  });
}

function requirement(evaluation: Evaluation, kind: RequirementKind) {
  const found = evaluation.requirements.find((decision) => decision.kind === kind);
  if (!found) throw new Error(`no decision for ${kind}`);
  return found;
}

// ---- tests ----

describe('evaluatePlacement', () => {
  it('clears a placement that meets every requirement, deciding every kind in declaration order', () => {
    const evaluation = evaluatePlacement(facts());

    expect(
      evaluation.requirements.map((decision) => [decision.kind, decision.status, decision.evaluatedBy]),
    ).toEqual([
      ['AGE_MINIMUM', 'SATISFIED', 'LINTAS'],
      ['NIK_CONSISTENT', 'SATISFIED', 'LINTAS'],
      ['LICENSED_RECRUITER', 'SATISFIED', 'LINTAS'],
      ['RECRUITMENT_PERMIT', 'SATISFIED', 'LINTAS'],
      ['DESTINATION_OPEN', 'SATISFIED', 'LINTAS'],
      ['PASSPORT_VALID', 'SATISFIED', 'LINTAS'],
      ['MARITAL_STATUS', 'SATISFIED', 'OFFICER'],
      ['FAMILY_CONSENT', 'SATISFIED', 'OFFICER'],
      ['MEDICAL_FIT', 'SATISFIED', 'OFFICER'],
      ['PSYCHOLOGICAL_FIT', 'SATISFIED', 'OFFICER'],
      ['COMPETENCY_CERTIFICATE', 'SATISFIED', 'OFFICER'],
      ['WORK_AGREEMENT', 'SATISFIED', 'OFFICER'],
      ['PLACEMENT_AGREEMENT', 'SATISFIED', 'OFFICER'],
      ['JOB_ORDER_VERIFIED', 'SATISFIED', 'OFFICER'],
      ['WORK_VISA', 'SATISFIED', 'OFFICER'],
      ['SOCIAL_SECURITY', 'SATISFIED', 'OFFICER'],
      ['PRE_DEPARTURE_ORIENTATION', 'SATISFIED', 'OFFICER'],
      ['EPMI_CARD', 'SATISFIED', 'OFFICER'],
    ]);
    expect(evaluation).toMatchObject({
      procedural: true,
      proceduralReasons: [],
      hardStops: [],
      destination: { decision: RuleDecision.OPEN, ruleId: null, source: null },
    });
  });

  it('applies every requirement kind to every placement', () => {
    expect(applicableRequirements('SA', Sector.DOMESTIC)).toHaveLength(18);
    expect(applicableRequirements('MY', Sector.SEAFARER)).toEqual(Object.values(RequirementKind));
  });

  it('lists hard stops first, then each unmet requirement as KIND: reason', () => {
    const evaluation = evaluatePlacement(
      facts({ visaType: VisaType.TOURIST, recorded: records({ [RequirementKind.MEDICAL_FIT]: undefined }) }),
    );

    expect(evaluation.proceduralReasons).toEqual([
      'visa type TOURIST is not a work visa',
      'MEDICAL_FIT: not yet verified',
    ]);
  });

  describe('AGE_MINIMUM: 18 or older on the departure date', () => {
    it.each`
      case                                                  | dateOfBirth     | departureDate   | status                         | reason
      ${'18th birthday the day before the departure'}       | ${'2007-06-01'} | ${'2025-06-02'} | ${RequirementStatus.SATISFIED} | ${null}
      ${'18th birthday exactly on the departure day'}       | ${'2007-06-02'} | ${'2025-06-02'} | ${RequirementStatus.SATISFIED} | ${null}
      ${'18th birthday the day after the departure'}        | ${'2007-06-03'} | ${'2025-06-02'} | ${RequirementStatus.FAILED}    | ${'under 18 on the departure on 2025-06-02: turns 18 on 2025-06-03'}
      ${'29 Feb birth, departure on 28 Feb of year 18'}     | ${'2008-02-29'} | ${'2026-02-28'} | ${RequirementStatus.FAILED}    | ${'under 18 on the departure on 2026-02-28: turns 18 on 2026-03-01'}
      ${'29 Feb birth, departure on 1 March of year 18'}    | ${'2008-02-29'} | ${'2026-03-01'} | ${RequirementStatus.SATISFIED} | ${null}
      ${'29 Feb birth, turning 18 on 1 March after a leap'} | ${'2000-02-29'} | ${'2018-02-28'} | ${RequirementStatus.FAILED}    | ${'under 18 on the departure on 2018-02-28: turns 18 on 2018-03-01'}
      ${'no departure date yet'}                            | ${'1990-01-01'} | ${null}         | ${RequirementStatus.PENDING}   | ${'no departure date yet: age is judged on the day of departure'}
    `(
      '$case → $status',
      ({
        dateOfBirth,
        departureDate,
        status,
        reason,
      }: Expected & { dateOfBirth: string; departureDate: Day }) => {
        const evaluation = evaluatePlacement(
          facts({
            worker: worker(dateOfBirth, 'MALE'),
            departureDate: departureDate,
          }),
        );

        expect(requirement(evaluation, RequirementKind.AGE_MINIMUM)).toMatchObject({ status, reason });
      },
    );

    it('judges a woman born on 29 February by her date of birth, not by the day + 40 in her NIK', () => {
      const woman = worker('2008-02-29', 'FEMALE');
      expect(woman.nik).toBe('3201016902080001');

      const before = evaluatePlacement(facts({ worker: woman, departureDate: '2026-02-28' }));
      const onTheDay = evaluatePlacement(facts({ worker: woman, departureDate: '2026-03-01' }));

      expect(requirement(before, RequirementKind.AGE_MINIMUM).status).toBe(RequirementStatus.FAILED);
      expect(requirement(onTheDay, RequirementKind.AGE_MINIMUM).status).toBe(RequirementStatus.SATISFIED);
      expect(onTheDay.procedural).toBe(true);
    });
  });

  describe('NIK_CONSISTENT: the regency in the NIK is the recorded origin', () => {
    it('builds a woman’s NIK with 40 added to the day of birth', () => {
      expect(nik('3201', '1999-08-17', 'FEMALE')).toBe('3201015708990001');
      expect(nik('3201', '1999-08-17', 'MALE')).toBe('3201011708990001');
    });

    it.each`
      case                                              | sex         | nikRegion | nikRegencyCode | originRegencyCode | status                         | reasonContains
      ${'a woman’s NIK (day + 40), same regency'}       | ${'FEMALE'} | ${'3201'} | ${'3201'}      | ${'3201'}         | ${RequirementStatus.SATISFIED} | ${null}
      ${'a man’s NIK, same regency'}                    | ${'MALE'}   | ${'3201'} | ${'3201'}      | ${'3201'}         | ${RequirementStatus.SATISFIED} | ${null}
      ${'a legacy Papua code 9101, mapped to 9301'}     | ${'FEMALE'} | ${'9101'} | ${'9301'}      | ${'9301'}         | ${RequirementStatus.SATISFIED} | ${null}
      ${'a legacy Papua code the caller did not map'}   | ${'MALE'}   | ${'9101'} | ${'9101'}      | ${'9301'}         | ${RequirementStatus.FAILED}    | ${'regency 9101 but the recorded origin is regency 9301'}
      ${'a woman who moved from Bogor to Kota Bandung'} | ${'FEMALE'} | ${'3201'} | ${'3201'}      | ${'3273'}         | ${RequirementStatus.FAILED}    | ${'regency 3201 but the recorded origin is regency 3273'}
      ${'region digits that name no regency'}           | ${'MALE'}   | ${'3299'} | ${null}        | ${'3201'}         | ${RequirementStatus.FAILED}    | ${"the NIK's region digits name no Kemendagri regency"}
    `(
      '$case → $status',
      ({
        sex,
        nikRegion,
        nikRegencyCode,
        originRegencyCode,
        status,
        reasonContains,
      }: {
        sex: 'FEMALE' | 'MALE';
        nikRegion: string;
        nikRegencyCode: string | null;
        originRegencyCode: string;
        status: RequirementStatus;
        reasonContains: string | null;
      }) => {
        const dateOfBirth = '1999-08-17';
        const evaluation = evaluatePlacement(
          facts({
            worker: {
              nik: nik(nikRegion, dateOfBirth, sex),
              sex,
              dateOfBirth,
              originRegencyCode,
              nikRegencyCode,
            },
          }),
        );

        const decision = requirement(evaluation, RequirementKind.NIK_CONSISTENT);
        expect(decision.status).toBe(status);
        expect(evaluation.procedural).toBe(status === RequirementStatus.SATISFIED);
        if (reasonContains === null) {
          expect(decision.reason).toBeNull();
        } else {
          expect(decision.reason).toContain(reasonContains);
        }
      },
    );

    it('lets an officer’s waiver stand over a mismatch, with its note as the reason', () => {
      const waiver = recorded(RequirementKind.NIK_CONSISTENT, {
        status: RequirementStatus.WAIVED,
        note: 'moved to Kota Bandung in 2019; KK checked',
      });
      const moved = { ...worker('1999-08-17', 'FEMALE'), originRegencyCode: '3273' };

      const evaluation = evaluatePlacement(facts({ worker: moved, recorded: [...records(), waiver] }));

      expect(requirement(evaluation, RequirementKind.NIK_CONSISTENT)).toMatchObject({
        status: RequirementStatus.WAIVED,
        reason: 'moved to Kota Bandung in 2019; KK checked',
      });
      expect(evaluation.procedural).toBe(true);
    });

    it('ignores a waiver when the NIK agrees anyway', () => {
      const waiver = recorded(RequirementKind.NIK_CONSISTENT, {
        status: RequirementStatus.WAIVED,
        note: 'n/a',
      });

      const evaluation = evaluatePlacement(facts({ recorded: [...records(), waiver] }));

      expect(requirement(evaluation, RequirementKind.NIK_CONSISTENT).status).toBe(
        RequirementStatus.SATISFIED,
      );
    });
  });

  describe('DESTINATION_OPEN: the Kepmenaker 260/2015 moratorium', () => {
    it('reads the 19 countries of the decree from the data', () => {
      expect(BANNED_COUNTRIES).toEqual([
        'AE',
        'BH',
        'DZ',
        'EG',
        'IQ',
        'JO',
        'KW',
        'LB',
        'LY',
        'MA',
        'MR',
        'OM',
        'PS',
        'QA',
        'SA',
        'SD',
        'SY',
        'TN',
        'YE',
      ]);
    });

    it.each(BANNED_COUNTRIES)(
      '%s: domestic work for an individual employer is banned, a hard stop',
      (country) => {
        const rule = MORATORIUM.find((candidate) => candidate.destination === country)!;
        const evaluation = evaluatePlacement(
          facts({
            destination: country,
            sector: Sector.DOMESTIC,
            employerType: EmployerType.INDIVIDUAL,
            jobTitle: 'housekeeper',
            recruiter: recruiter({ permits: [permit({ destination: country })] }),
            // An officer cannot waive a ban away.
            recorded: [
              ...records(),
              recorded(RequirementKind.DESTINATION_OPEN, {
                status: RequirementStatus.WAIVED,
                note: 'urgent',
              }),
            ],
          }),
        );

        const hardStop = `DOMESTIC work for INDIVIDUAL employers in ${country} is banned (rule kepmenaker-260-2015:${country})`;
        expect(evaluation.destination).toEqual({
          decision: RuleDecision.BANNED,
          ruleId: `kepmenaker-260-2015:${country}`,
          source: rule.source,
        });
        expect(requirement(evaluation, RequirementKind.DESTINATION_OPEN).status).toBe(
          RequirementStatus.FAILED,
        );
        expect(requirement(evaluation, RequirementKind.DESTINATION_OPEN).reason).toContain(rule.source);
        expect(evaluation.hardStops).toEqual([hardStop]);
        expect(evaluation.procedural).toBe(false);
        expect(evaluation.proceduralReasons).toEqual([
          hardStop,
          `DESTINATION_OPEN: DOMESTIC work for INDIVIDUAL employers in ${country} is banned by ${rule.source} (rule kepmenaker-260-2015:${country})`,
        ]);
      },
    );

    it.each(BANNED_COUNTRIES)('%s: formal work is open', (country) => {
      const evaluation = evaluatePlacement(
        facts({
          destination: country,
          sector: Sector.FORMAL,
          employerType: EmployerType.LEGAL_ENTITY,
          recruiter: recruiter({ permits: [permit({ destination: country })] }),
        }),
      );

      expect(evaluation.destination).toEqual({ decision: RuleDecision.OPEN, ruleId: null, source: null });
      expect(requirement(evaluation, RequirementKind.DESTINATION_OPEN).status).toBe(
        RequirementStatus.SATISFIED,
      );
      expect(evaluation.procedural).toBe(true);
    });
  });

  describe('DESTINATION_OPEN: the Saudi one-channel pilot (SPSK)', () => {
    it('reads one CHANNEL_ONLY rule for Saudi domestic work with an agency employer from the data', () => {
      expect(SPSK_RULES).toEqual([
        expect.objectContaining({
          id: 'spsk-2018:SA',
          destination: 'SA',
          sector: Sector.DOMESTIC,
          employerType: EmployerType.LEGAL_ENTITY,
          decision: RuleDecision.CHANNEL_ONLY,
          channel: PlacementScheme.SPSK,
          effectiveFrom: '2018-10-11',
          effectiveUntil: null,
        }),
      ]);
      expect(SPSK_RULES[0].jobs).toHaveLength(6);
      expect(SPSK_RULES[0].cities).toEqual(['Jeddah', 'Madinah', 'Riyadh', 'Dammam', 'Khobar', 'Dhahran']);
    });

    it.each`
      case                                     | jobTitle               | destinationCity
      ${'a housekeeper in Riyadh'}             | ${'Housekeeper'}       | ${'Riyadh'}
      ${'a family driver in Dammam, any case'} | ${'  FAMILY DRIVER '}  | ${'dammam'}
      ${'a child care worker in Khobar'}       | ${'child care worker'} | ${'Khobar'}
    `(
      'inside the channel: $case',
      ({ jobTitle, destinationCity }: { jobTitle: string; destinationCity: string }) => {
        const evaluation = evaluatePlacement(spsk({ jobTitle, destinationCity }));

        expect(evaluation.destination).toMatchObject({
          decision: RuleDecision.CHANNEL_ONLY,
          ruleId: 'spsk-2018:SA',
        });
        expect(requirement(evaluation, RequirementKind.DESTINATION_OPEN).status).toBe(
          RequirementStatus.SATISFIED,
        );
        expect(evaluation.procedural).toBe(true);
      },
    );

    it.each`
      case                                   | overrides                                                                                      | reasonContains
      ${'a city outside the pilot'}          | ${{ destinationCity: 'Tabuk' }}                                                                | ${'city "Tabuk" is not one of Jeddah'}
      ${'no city recorded'}                  | ${{ destinationCity: null }}                                                                   | ${'no destination city recorded'}
      ${'a job outside the six'}             | ${{ jobTitle: 'nurse' }}                                                                       | ${'job "nurse" is not one of housekeeper'}
      ${'not the SPSK scheme'}               | ${{ scheme: null }}                                                                            | ${'the scheme is none, not SPSK'}
      ${'a recruiter not selected for SPSK'} | ${{ recruiter: recruiter({ spskSelected: false, permits: [permit({ destination: 'SA' })] }) }} | ${'recruiter PT Maju Bersama is not selected for the channel'}
    `(
      'outside the channel: $case',
      ({ overrides, reasonContains }: { overrides: Partial<PlacementFacts>; reasonContains: string }) => {
        const evaluation = evaluatePlacement(spsk(overrides));

        const decision = requirement(evaluation, RequirementKind.DESTINATION_OPEN);
        expect(decision.status).toBe(RequirementStatus.FAILED);
        expect(decision.reason).toContain(
          'SA is open to DOMESTIC work only through the SPSK channel (rule spsk-2018:SA',
        );
        expect(decision.reason).toContain(reasonContains);
        // Outside the channel is unmet, not a ban: the placement can still be put right before departure.
        expect(evaluation.hardStops).toEqual([]);
        expect(evaluation.procedural).toBe(false);
      },
    );

    it('keeps a household employer banned even through the SPSK scheme', () => {
      const evaluation = evaluatePlacement(spsk({ employerType: EmployerType.INDIVIDUAL }));

      expect(evaluation.destination.ruleId).toBe('kepmenaker-260-2015:SA');
      expect(evaluation.hardStops).toHaveLength(1);
    });

    it('refuses a household employer under a channel rule written for any employer type', () => {
      const anyEmployer = { ...SPSK_RULES[0], employerType: null };

      const evaluation = evaluatePlacement(
        spsk({ employerType: EmployerType.INDIVIDUAL, rules: [anyEmployer] }),
      );

      expect(requirement(evaluation, RequirementKind.DESTINATION_OPEN).reason).toContain(
        'the employer is INDIVIDUAL, the channel needs a LEGAL_ENTITY employer',
      );
    });
  });

  describe('LICENSED_RECRUITER', () => {
    it('fails a recruiter suspended after registration, and makes the placement non-procedural', () => {
      const registered = facts();
      expect(requirement(evaluatePlacement(registered), RequirementKind.LICENSED_RECRUITER).status).toBe(
        RequirementStatus.SATISFIED,
      );

      const suspended = evaluatePlacement({
        ...registered,
        recruiter: { ...registered.recruiter!, status: RecruiterStatus.SUSPENDED },
        recorded: [
          ...registered.recorded,
          recorded(RequirementKind.LICENSED_RECRUITER, {
            status: RequirementStatus.WAIVED,
            note: 'appeal pending',
          }),
        ],
      });

      expect(requirement(suspended, RequirementKind.LICENSED_RECRUITER)).toMatchObject({
        status: RequirementStatus.FAILED,
        reason: 'recruiter PT Maju Bersama (licence SIP3MI-123) is SUSPENDED',
      });
      expect(suspended.hardStops).toEqual(['recruiter PT Maju Bersama (licence SIP3MI-123) is SUSPENDED']);
      expect(suspended.procedural).toBe(false);
    });

    it.each`
      case                                       | overrides                                                                      | status                         | reason
      ${'a revoked licence'}                     | ${{ recruiter: recruiter({ status: RecruiterStatus.REVOKED }) }}               | ${RequirementStatus.FAILED}    | ${'recruiter PT Maju Bersama (licence SIP3MI-123) is REVOKED'}
      ${'a licence ending the day of departure'} | ${{ recruiter: recruiter({ validUntil: '2025-06-02' }) }}                      | ${RequirementStatus.SATISFIED} | ${null}
      ${'a licence ending the day before'}       | ${{ recruiter: recruiter({ validUntil: '2025-06-01' }) }}                      | ${RequirementStatus.FAILED}    | ${'licence SIP3MI-123 of PT Maju Bersama is valid from 2020-01-01 to 2025-06-01, not on the departure on 2025-06-02'}
      ${'a licence not yet valid'}               | ${{ recruiter: recruiter({ validFrom: '2025-07-01' }) }}                       | ${RequirementStatus.FAILED}    | ${'licence SIP3MI-123 of PT Maju Bersama is valid from 2025-07-01 to 2029-12-31, not on the departure on 2025-06-02'}
      ${'no departure date yet'}                 | ${{ departureDate: null, recruiter: recruiter({ validUntil: '2020-02-01' }) }} | ${RequirementStatus.SATISFIED} | ${'licence SIP3MI-123 of PT Maju Bersama is ACTIVE; its validity is checked against the departure date once it is set'}
      ${'no recruiter'}                          | ${{ recruiter: null }}                                                         | ${RequirementStatus.FAILED}    | ${'no recruiter (P3MI) and no government-to-government scheme'}
      ${'G_TO_G without recruiter'}              | ${{ recruiter: null, scheme: PlacementScheme.G_TO_G }}                         | ${RequirementStatus.SATISFIED} | ${'government-to-government scheme'}
    `(
      '$case → $status',
      ({ overrides, status, reason }: Expected & { overrides: Partial<PlacementFacts> }) => {
        const evaluation = evaluatePlacement(facts(overrides));

        expect(requirement(evaluation, RequirementKind.LICENSED_RECRUITER)).toMatchObject({ status, reason });
      },
    );

    it('clears a government-to-government placement without a recruiter', () => {
      const evaluation = evaluatePlacement(facts({ recruiter: null, scheme: PlacementScheme.G_TO_G }));

      expect(requirement(evaluation, RequirementKind.RECRUITMENT_PERMIT)).toMatchObject({
        status: RequirementStatus.SATISFIED,
        reason: 'government-to-government scheme',
      });
      expect(evaluation.procedural).toBe(true);
    });
  });

  describe('RECRUITMENT_PERMIT: an SIP2MI for the destination with quota left', () => {
    it.each`
      case                                        | permits                                                                     | departureDate | status                         | reason
      ${'quota used up'}                          | ${[permit({ quota: 10, used: 10 })]}                                        | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'no recruitment permit (SIP2MI) for MY has quota left: SIP2MI-0001 (quota of 10 used up)'}
      ${'one slot left'}                          | ${[permit({ quota: 10, used: 9 })]}                                         | ${DEPARTURE}  | ${RequirementStatus.SATISFIED} | ${'permit SIP2MI-0001: 9 of 10 used'}
      ${'one permit used up, another with quota'} | ${[permit({ used: 10 }), permit({ permitNumber: 'SIP2MI-0002', used: 0 })]} | ${DEPARTURE}  | ${RequirementStatus.SATISFIED} | ${'permit SIP2MI-0002: 0 of 10 used'}
      ${'a permit for another destination only'}  | ${[permit({ destination: 'SG' })]}                                          | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'PT Maju Bersama has no recruitment permit (SIP2MI) for MY'}
      ${'a permit expired before departure'}      | ${[permit({ validUntil: '2025-06-01' })]}                                   | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'no recruitment permit (SIP2MI) of PT Maju Bersama for MY is valid on the departure on 2025-06-02: SIP2MI-0001 (2025-01-01 to 2025-06-01)'}
      ${'no departure date, quota left'}          | ${[permit({ validUntil: '2020-12-31' })]}                                   | ${null}       | ${RequirementStatus.SATISFIED} | ${'permit SIP2MI-0001: 3 of 10 used; its validity is checked against the departure date once it is set'}
      ${'no departure date, quota used up'}       | ${[permit({ used: 10 })]}                                                   | ${null}       | ${RequirementStatus.FAILED}    | ${'no recruitment permit (SIP2MI) for MY has quota left: SIP2MI-0001 (quota of 10 used up)'}
    `(
      '$case → $status',
      ({
        permits,
        departureDate,
        status,
        reason,
      }: Expected & { permits: RecruitmentPermitFacts[]; departureDate: Day }) => {
        const evaluation = evaluatePlacement(
          facts({
            recruiter: recruiter({ permits }),
            departureDate: departureDate,
          }),
        );

        expect(requirement(evaluation, RequirementKind.RECRUITMENT_PERMIT)).toMatchObject({ status, reason });
      },
    );

    it('fails without a recruiter or a government scheme', () => {
      const evaluation = evaluatePlacement(facts({ recruiter: null }));

      expect(requirement(evaluation, RequirementKind.RECRUITMENT_PERMIT)).toMatchObject({
        status: RequirementStatus.FAILED,
        reason: 'no recruiter, so no recruitment permit (SIP2MI)',
      });
    });
  });

  describe('PASSPORT_VALID: recorded, and valid past the contract end', () => {
    it.each`
      case                                        | passport                                                                          | contractEnd     | departureDate | status                         | reason
      ${'valid past the contract end'}            | ${PASSPORT}                                                                       | ${'2027-06-04'} | ${DEPARTURE}  | ${RequirementStatus.SATISFIED} | ${null}
      ${'expiring on the contract end'}           | ${{ ...PASSPORT, expiresOn: '2027-06-04' }}                                       | ${'2027-06-04'} | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'the passport expires on 2027-06-04, not after the contract end on 2027-06-04'}
      ${'expiring during the contract'}           | ${{ ...PASSPORT, expiresOn: '2026-01-01' }}                                       | ${'2027-06-04'} | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'the passport expires on 2026-01-01, not after the contract end on 2027-06-04'}
      ${'no contract end: past the departure'}    | ${{ ...PASSPORT, expiresOn: '2025-06-03' }}                                       | ${null}         | ${DEPARTURE}  | ${RequirementStatus.SATISFIED} | ${null}
      ${'no contract end: expiring at departure'} | ${{ ...PASSPORT, expiresOn: '2025-06-02' }}                                       | ${null}         | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'the passport expires on 2025-06-02, not after the departure on 2025-06-02'}
      ${'neither contract end nor departure'}     | ${PASSPORT}                                                                       | ${null}         | ${null}       | ${RequirementStatus.PENDING}   | ${'neither the contract end nor the departure date is known'}
      ${'expiry date not recorded'}               | ${{ ...PASSPORT, expiresOn: null }}                                               | ${'2027-06-04'} | ${DEPARTURE}  | ${RequirementStatus.PENDING}   | ${'expiry date not recorded'}
      ${'not recorded at all'}                    | ${undefined}                                                                      | ${'2027-06-04'} | ${DEPARTURE}  | ${RequirementStatus.PENDING}   | ${'passport not recorded'}
      ${'found false by the officer'}             | ${{ ...PASSPORT, status: RequirementStatus.FAILED, note: 'photo page replaced' }} | ${'2027-06-04'} | ${DEPARTURE}  | ${RequirementStatus.FAILED}    | ${'photo page replaced'}
    `(
      '$case → $status',
      ({
        passport,
        contractEnd,
        departureDate,
        status,
        reason,
      }: Expected & { passport: RecordedRequirement | undefined; contractEnd: Day; departureDate: Day }) => {
        const evaluation = evaluatePlacement(
          facts({
            recorded: records({
              [RequirementKind.PASSPORT_VALID]: passport,
            }),
            contractEnd,
            departureDate: departureDate,
          }),
        );

        expect(requirement(evaluation, RequirementKind.PASSPORT_VALID)).toMatchObject({ status, reason });
      },
    );
  });

  describe('officer-verified requirements', () => {
    it.each`
      case                                          | record                                                                                                                       | status                         | reason
      ${'a visa expiring the day before departure'} | ${recorded(RequirementKind.WORK_VISA, { expiresOn: '2025-06-01' })}                                                          | ${RequirementStatus.FAILED}    | ${'evidence expires on 2025-06-01, before the departure on 2025-06-02'}
      ${'a visa expiring on the departure day'}     | ${recorded(RequirementKind.WORK_VISA, { expiresOn: '2025-06-02' })}                                                          | ${RequirementStatus.SATISFIED} | ${null}
      ${'nothing recorded'}                         | ${undefined}                                                                                                                 | ${RequirementStatus.PENDING}   | ${'not yet verified'}
      ${'rejected by an officer'}                   | ${recorded(RequirementKind.WORK_VISA, { status: RequirementStatus.FAILED, note: 'visa number unknown to the embassy' })}     | ${RequirementStatus.FAILED}    | ${'visa number unknown to the embassy'}
      ${'waived, with its note'}                    | ${recorded(RequirementKind.WORK_VISA, { status: RequirementStatus.WAIVED, note: 'issued on arrival under the G-to-G MoU' })} | ${RequirementStatus.WAIVED}    | ${'issued on arrival under the G-to-G MoU'}
    `(
      '$case → $status',
      ({ record, status, reason }: Expected & { record: RecordedRequirement | undefined }) => {
        const evaluation = evaluatePlacement(
          facts({
            recorded: records({ [RequirementKind.WORK_VISA]: record }),
          }),
        );

        expect(requirement(evaluation, RequirementKind.WORK_VISA)).toMatchObject({
          status,
          reason,
          evaluatedBy: 'OFFICER',
        });
        expect(evaluation.procedural).toBe(
          status === RequirementStatus.SATISFIED || status === RequirementStatus.WAIVED,
        );
      },
    );

    it('keeps evidence that expires before departure unmet in the reasons', () => {
      const evaluation = evaluatePlacement(
        facts({
          recorded: records({
            [RequirementKind.MEDICAL_FIT]: recorded(RequirementKind.MEDICAL_FIT, { expiresOn: '2025-05-01' }),
          }),
        }),
      );

      expect(evaluation.proceduralReasons).toEqual([
        'MEDICAL_FIT: evidence expires on 2025-05-01, before the departure on 2025-06-02',
      ]);
    });
  });

  describe('visa type', () => {
    it.each([
      VisaType.UMRAH,
      VisaType.TOURIST,
      VisaType.VISIT,
      VisaType.INTERNSHIP,
      VisaType.STUDENT,
      VisaType.OTHER,
    ])('a %s visa is a hard stop even with every requirement met', (visaType) => {
      const evaluation = evaluatePlacement(facts({ visaType }));

      expect(
        evaluation.requirements.every((decision) => decision.status === RequirementStatus.SATISFIED),
      ).toBe(true);
      expect(evaluation.hardStops).toEqual([`visa type ${visaType} is not a work visa`]);
      expect(evaluation.procedural).toBe(false);
    });

    it('names the umrah visa', () => {
      expect(evaluatePlacement(facts({ visaType: VisaType.UMRAH })).hardStops).toEqual([
        'visa type UMRAH is not a work visa',
      ]);
    });

    it('leaves an unknown visa type to the WORK_VISA requirement', () => {
      const evaluation = evaluatePlacement(
        facts({ visaType: null, recorded: records({ [RequirementKind.WORK_VISA]: undefined }) }),
      );

      expect(evaluation.hardStops).toEqual([]);
      expect(evaluation.proceduralReasons).toEqual(['WORK_VISA: not yet verified']);
    });
  });

  describe('ruleSetVersion', () => {
    const versionOf = (rules: PlacementRule[]) => evaluatePlacement(facts({ rules })).ruleSetVersion;

    it('is the engine version and a 12-hex digest of the rules', () => {
      expect(versionOf(RULES)).toMatch(new RegExp(`^${RULE_ENGINE_VERSION}:[0-9a-f]{12}$`));
    });

    it('is what the placementRules query reports for the same rules', () => {
      expect(versionOf(RULES)).toBe(ruleSetVersion(RULES));
    });

    it('does not depend on the order the rules come in', () => {
      expect(versionOf([...RULES].reverse())).toBe(versionOf(RULES));
    });

    it.each`
      change                       | edit
      ${'a rule’s effective date'} | ${(rule: PlacementRule) => ({ ...rule, effectiveFrom: '2015-08-01' })}
      ${'a rule’s decision'}       | ${(rule: PlacementRule) => ({ ...rule, decision: RuleDecision.OPEN })}
      ${'a rule’s source'}         | ${(rule: PlacementRule) => ({ ...rule, source: `${rule.source}; decree text found` })}
      ${'a rule’s end date'}       | ${(rule: PlacementRule) => ({ ...rule, effectiveUntil: '2026-01-01' })}
    `('changes when $change changes', ({ edit }: { edit: (rule: PlacementRule) => PlacementRule }) => {
      const edited = RULES.map((rule) => (rule.id === 'kepmenaker-260-2015:SA' ? edit(rule) : rule));

      expect(versionOf(edited)).not.toBe(versionOf(RULES));
    });

    it('changes when a rule is added', () => {
      const lifted: PlacementRule = { ...MORATORIUM[0], id: 'lift:AE', decision: RuleDecision.OPEN };

      expect(versionOf([...RULES, lifted])).not.toBe(versionOf(RULES));
    });
  });
});

describe('decideDestination', () => {
  const SA_BAN = MORATORIUM.find((rule) => rule.destination === 'SA')!;
  const lift: PlacementRule = {
    ...SA_BAN,
    id: 'lift-2026:SA',
    decision: RuleDecision.OPEN,
    effectiveFrom: '2026-03-01',
    source: 'hypothetical: the moratorium lifted for Saudi Arabia',
  };
  const ended: PlacementRule = {
    ...SA_BAN,
    id: 'ended:SA',
    effectiveFrom: '2010-01-01',
    effectiveUntil: '2012-01-01',
  };
  const anyEmployerBan: PlacementRule = {
    ...SA_BAN,
    id: 'any-employer:SA',
    employerType: null,
    effectiveFrom: '2020-01-01',
  };
  const individualOpen: PlacementRule = {
    ...SA_BAN,
    id: 'individual-open:SA',
    decision: RuleDecision.OPEN,
    effectiveFrom: '2010-01-01',
  };

  it.each`
    case                                                         | rules                               | employerType                 | date            | decision                     | ruleId
    ${'the day before the moratorium came into force'}           | ${RULES}                            | ${EmployerType.INDIVIDUAL}   | ${'2015-06-30'} | ${RuleDecision.OPEN}         | ${null}
    ${'the day the moratorium came into force'}                  | ${RULES}                            | ${EmployerType.INDIVIDUAL}   | ${'2015-07-01'} | ${RuleDecision.BANNED}       | ${'kepmenaker-260-2015:SA'}
    ${'SPSK, the day before its row takes effect'}               | ${RULES}                            | ${EmployerType.LEGAL_ENTITY} | ${'2018-10-10'} | ${RuleDecision.OPEN}         | ${null}
    ${'SPSK, the day its row takes effect'}                      | ${RULES}                            | ${EmployerType.LEGAL_ENTITY} | ${'2018-10-11'} | ${RuleDecision.CHANNEL_ONLY} | ${'spsk-2018:SA'}
    ${'a lift dated after the departure is not applied'}         | ${[...RULES, lift]}                 | ${EmployerType.INDIVIDUAL}   | ${'2026-02-28'} | ${RuleDecision.BANNED}       | ${'kepmenaker-260-2015:SA'}
    ${'a lift in force on the departure wins as the later rule'} | ${[...RULES, lift]}                 | ${EmployerType.INDIVIDUAL}   | ${'2026-03-01'} | ${RuleDecision.OPEN}         | ${'lift-2026:SA'}
    ${'no departure date: open-ended rules, the latest wins'}    | ${[...RULES, lift]}                 | ${EmployerType.INDIVIDUAL}   | ${null}         | ${RuleDecision.OPEN}         | ${'lift-2026:SA'}
    ${'no departure date: the moratorium is in force'}           | ${RULES}                            | ${EmployerType.INDIVIDUAL}   | ${null}         | ${RuleDecision.BANNED}       | ${'kepmenaker-260-2015:SA'}
    ${'an end date is exclusive: last day'}                      | ${[ended]}                          | ${EmployerType.INDIVIDUAL}   | ${'2011-12-31'} | ${RuleDecision.BANNED}       | ${'ended:SA'}
    ${'an end date is exclusive: the end date itself'}           | ${[ended]}                          | ${EmployerType.INDIVIDUAL}   | ${'2012-01-01'} | ${RuleDecision.OPEN}         | ${null}
    ${'no departure date: an ended rule is not in force'}        | ${[ended]}                          | ${EmployerType.INDIVIDUAL}   | ${null}         | ${RuleDecision.OPEN}         | ${null}
    ${'an employer-specific rule beats a newer general one'}     | ${[anyEmployerBan, individualOpen]} | ${EmployerType.INDIVIDUAL}   | ${'2025-01-01'} | ${RuleDecision.OPEN}         | ${'individual-open:SA'}
    ${'the general rule covers other employer types'}            | ${[anyEmployerBan, individualOpen]} | ${EmployerType.LEGAL_ENTITY} | ${'2025-01-01'} | ${RuleDecision.BANNED}       | ${'any-employer:SA'}
  `(
    '$case → $decision',
    ({
      rules,
      employerType,
      date,
      decision,
      ruleId,
    }: {
      rules: PlacementRule[];
      employerType: EmployerType;
      date: Day;
      decision: RuleDecision;
      ruleId: string | null;
    }) => {
      const result = decideDestination(rules, 'SA', Sector.DOMESTIC, employerType, date);

      expect(result.decision).toBe(decision);
      expect(result.rule?.id ?? null).toBe(ruleId);
    },
  );

  it('ignores rules of another destination or sector', () => {
    expect(decideDestination(RULES, 'SA', Sector.FORMAL, EmployerType.INDIVIDUAL, '2025-01-01')).toEqual({
      decision: RuleDecision.OPEN,
      rule: null,
    });
    expect(
      decideDestination(RULES, 'MY', Sector.DOMESTIC, EmployerType.INDIVIDUAL, '2025-01-01').rule,
    ).toBeNull();
  });

  it('reads contradicting rules of the same day and specificity the strict way', () => {
    const open: PlacementRule = { ...SA_BAN, id: 'a-open', decision: RuleDecision.OPEN };

    expect(
      decideDestination([open, SA_BAN], 'SA', Sector.DOMESTIC, EmployerType.INDIVIDUAL, '2025-01-01')
        .decision,
    ).toBe(RuleDecision.BANNED);
  });

  it('judges the evaluation’s destination with the departure date', () => {
    const early = evaluatePlacement(
      facts({
        destination: 'SA',
        sector: Sector.DOMESTIC,
        employerType: EmployerType.INDIVIDUAL,
        departureDate: '2015-06-30',
      }),
    );

    expect(early.destination).toEqual({ decision: RuleDecision.OPEN, ruleId: null, source: null });
    expect(early.hardStops).toEqual([]);
  });
});
