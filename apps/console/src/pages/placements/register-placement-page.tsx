import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type {
  EmployerType,
  PlacementScheme,
  RegisterPlacementInput,
  RegisterPlacementPageRecruitersQuery,
  Sector,
  VisaType,
} from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { navigate, useLocation } from '../../router';
import { bindField, type BoundField } from '../../ui/bound-field';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextField } from '../../ui/field';
import { LinkedText } from '../../ui/linked-text';
import { common } from '../../ui/messages';
import { NameOptions } from '../../ui/name-options';
import { QueryStatus } from '../../ui/query-status';
import { SubmitActions } from '../../ui/submit-actions';
import { countryName, destinationOptions, normaliseCountryCode } from '../../labels/countries';
import { label } from '../../labels/names';
import {
  EMPLOYER_TYPES,
  RECRUITER_STATUSES,
  REQUIREMENT_KINDS,
  RULE_DECISIONS,
  SECTORS,
  VISA_TYPES,
} from './labels';
import { localDateTimeToIso } from '../../format/local-date-time';
import { placementWords, registerForm } from './messages';
import './placements.css';

const WORKER = graphql(`
  query RegisterPlacementPageWorker($id: ID!) {
    worker(id: $id) {
      id
      fullName
      dateOfBirth
    }
  }
`);

const RECRUITERS = graphql(`
  query RegisterPlacementPageRecruiters($name: String) {
    recruiters(filter: { name: $name }, first: 20) {
      edges {
        node {
          id
          name
          licenceNumber
          status
          spskSelected
        }
      }
    }
  }
`);

const RULES = graphql(`
  query RegisterPlacementPageRules($destination: CountryCode!, $sector: Sector!) {
    placementRules(destination: $destination, sector: $sector) {
      destination
      requirements
      byEmployerType {
        employerType
        decision
        source
      }
    }
  }
`);

const REGISTER = graphql(`
  mutation RegisterPlacementPageRegister($input: RegisterPlacementInput!) {
    registerPlacement(input: $input) {
      id
    }
  }
`);

const OTHER = 'OTHER';

/** The API's refusals of a registration's fields, each for one check: named in the officer's language. */
const SERVER_REFUSALS: Partial<
  Record<string, 'unknownCountry' | 'contractEndBeforeStart' | 'unknownRecruiter'>
> = {
  destination: 'unknownCountry',
  contractEnd: 'contractEndBeforeStart',
  recruiterId: 'unknownRecruiter',
};

type Channel = 'RECRUITER' | 'SPSK' | 'G_TO_G';

type Recruiter = RegisterPlacementPageRecruitersQuery['recruiters']['edges'][number]['node'];

interface Draft {
  destinationChoice: string;
  destinationCode: string;
  destinationCity: string;
  sector: Sector | '';
  employerType: EmployerType | '';
  employerName: string;
  jobTitle: string;
  channel: Channel;
  recruiterId: string;
  visaType: VisaType;
  contractStart: string;
  contractEnd: string;
  plannedDeparture: string;
}

const EMPTY: Draft = {
  destinationChoice: '',
  destinationCode: '',
  destinationCity: '',
  sector: '',
  employerType: '',
  employerName: '',
  jobTitle: '',
  channel: 'RECRUITER',
  recruiterId: '',
  visaType: 'WORK',
  contractStart: '',
  contractEnd: '',
  plannedDeparture: '',
};

/** The text typed, once the officer has stopped typing for a moment: one search per pause, not per key. */
function useSettled(value: string, delay = 350): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Daftarkan penempatan: a worker's next placement, its destination, job, channel and contract. */
export default function RegisterPlacementPage(): ReactNode {
  const text = useMessages(registerForm);
  const { search } = useLocation();
  const workerId = search.get('pekerja') ?? '';
  const worker = useQuery(WORKER, { id: workerId }, { skip: !workerId });

  if (!workerId || (worker.data && !worker.data.worker)) {
    return (
      <>
        <h1>{text.title}</h1>
        <p className="notice notice-warning">
          <LinkedText text={text.noWorker} slot="workers" to="/pekerja">
            {text.workersPage}
          </LinkedText>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{text.title}</h1>
      <QueryStatus error={worker.error} loading={worker.loading} onRetry={worker.reload} />
      {worker.data?.worker && (
        <>
          <p>{fill(text.forWorker, { name: worker.data.worker.fullName })}</p>
          <RegisterForm workerId={workerId} />
        </>
      )}
    </>
  );
}

function RegisterForm({ workerId }: { workerId: string }): ReactNode {
  const text = useMessages(registerForm);
  const words = useMessages(placementWords);
  const shared = useMessages(common);
  const locale = useLocale();
  const dates = useDates();
  const session = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [recruiterName, setRecruiterName] = useState('');
  /** The recruiter as it was when chosen: a later search may no longer find it. */
  const [pickedRecruiter, setPickedRecruiter] = useState<Recruiter>();
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  /** Fields changed since the last attempt: the API's refusal of what they held no longer applies. */
  const [edited, setEdited] = useState<ReadonlySet<keyof Draft>>(new Set());
  const [register, { running, error }] = useMutation(REGISTER);

  const destinations = destinationOptions(session?.principal.agency.countryCodes ?? [], locale);
  const destination =
    draft.destinationChoice === OTHER
      ? normaliseCountryCode(draft.destinationCode)
      : draft.destinationChoice || undefined;
  const settledName = useSettled(recruiterName.trim());
  const recruiters = useQuery(
    RECRUITERS,
    { name: settledName || null },
    { skip: draft.channel === 'G_TO_G' },
  );
  const rules = useQuery(
    RULES,
    { destination: destination ?? '', sector: draft.sector || 'OTHER' },
    { skip: !destination || !draft.sector },
  );
  const recruiterOptions = recruiters.data?.recruiters.edges.map((edge) => edge.node) ?? [];
  // The choice stays shown by name while it stays chosen, though a search for another name no
  // longer finds it: the officer must see which P3MI the placement is registered with.
  const chosenRecruiter =
    recruiterOptions.find((recruiter) => recruiter.id === draft.recruiterId) ??
    (pickedRecruiter?.id === draft.recruiterId ? pickedRecruiter : undefined);
  const shownRecruiters =
    chosenRecruiter && !recruiterOptions.includes(chosenRecruiter)
      ? [chosenRecruiter, ...recruiterOptions]
      : recruiterOptions;

  const set =
    <Field extends keyof Draft>(field: Field) =>
    (value: Draft[Field]): void => {
      setDraft((previous) => ({ ...previous, [field]: value }));
      setProblems((previous) => ({ ...previous, [field]: undefined }));
      setEdited((previous) => new Set(previous).add(field));
    };

  /** The API's refusal of a field (by the input's path), in the officer's language when it is one the form knows. */
  const refusal = (path: string): string | undefined => {
    const message = error?.fieldMessage(`input.${path}`);
    const known = SERVER_REFUSALS[path];
    return message && known ? text[known] : message;
  };
  /** The refusal of a field: the form's own check first, else the API's. */
  const problem = (field: keyof Draft, path: string): string | undefined =>
    problems[field] ?? (edited.has(field) ? undefined : refusal(path));
  const field = <Field extends keyof Draft>(name: Field, path: string): BoundField<Draft[Field]> =>
    bindField(draft[name], set(name), problem(name, path));
  const chooseRecruiter = (id: string): void => {
    setPickedRecruiter(shownRecruiters.find((recruiter) => recruiter.id === id));
    set('recruiterId')(id);
  };
  const unknownDestination = rules.error?.code === 'BAD_USER_INPUT';
  const openPlacement = error?.code === 'CONFLICT' && error.fieldMessage('input.workerId') !== undefined;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Partial<Record<keyof Draft, string>> = {};
    if (!draft.destinationChoice) found.destinationChoice = words.required;
    if (draft.destinationChoice === OTHER && !destination)
      found.destinationCode = text.destinationCodeInvalid;
    if (!draft.sector) found.sector = words.required;
    if (!draft.employerType) found.employerType = words.required;
    if (!draft.jobTitle.trim()) found.jobTitle = words.required;
    const plannedDepartureAt = draft.plannedDeparture
      ? localDateTimeToIso(draft.plannedDeparture, dates.timeZone)
      : undefined;
    if (draft.plannedDeparture && !plannedDepartureAt) found.plannedDeparture = text.invalidDateTime;
    setProblems(found);
    setEdited(new Set());
    if (Object.keys(found).length > 0 || !destination || !draft.sector || !draft.employerType) return;

    const scheme: PlacementScheme | undefined =
      draft.channel === 'SPSK' ? 'SPSK' : draft.channel === 'G_TO_G' ? 'G_TO_G' : undefined;
    const input: RegisterPlacementInput = {
      workerId,
      destination,
      sector: draft.sector,
      employerType: draft.employerType,
      jobTitle: draft.jobTitle.trim(),
      visaType: draft.visaType,
      ...(draft.destinationCity.trim() && { destinationCity: draft.destinationCity.trim() }),
      ...(draft.employerName.trim() && { employerName: draft.employerName.trim() }),
      ...(draft.channel !== 'G_TO_G' && draft.recruiterId && { recruiterId: draft.recruiterId }),
      ...(scheme && { scheme }),
      ...(draft.contractStart && { contractStart: draft.contractStart }),
      ...(draft.contractEnd && { contractEnd: draft.contractEnd }),
      ...(plannedDepartureAt && { plannedDepartureAt }),
    };
    const result = await register({ input });
    if (result) navigate(`/penempatan/${result.registerPlacement.id}`);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {openPlacement ? (
        <p className="notice notice-error" role="alert">
          {text.openPlacement}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
      <fieldset className="card placements-fieldset">
        <legend>{text.job}</legend>
        <div className="form-grid">
          <SelectField
            label={text.destination}
            required
            {...field('destinationChoice', 'destination')}
            error={
              problems.destinationChoice ??
              (draft.destinationChoice === OTHER || edited.has('destinationChoice')
                ? undefined
                : refusal('destination'))
            }
          >
            <option value="">{text.destinationChoose}</option>
            {destinations.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
            <option value={OTHER}>{text.destinationOther}</option>
          </SelectField>
          {draft.destinationChoice === OTHER && (
            <TextField
              label={text.destinationCode}
              hint={text.destinationCodeHint}
              required
              maxLength={2}
              autoCapitalize="characters"
              {...field('destinationCode', 'destination')}
              error={
                (edited.has('destinationChoice')
                  ? problems.destinationCode
                  : problem('destinationCode', 'destination')) ??
                (unknownDestination ? text.unknownCountry : undefined)
              }
            />
          )}
          <TextField
            label={`${text.destinationCity} ${shared.optional}`}
            maxLength={100}
            {...field('destinationCity', 'destinationCity')}
          />
          <SelectField label={text.sector} required {...field('sector', 'sector')}>
            <option value="">{text.sectorChoose}</option>
            <NameOptions names={SECTORS} />
          </SelectField>
          <SelectField label={text.employerType} required {...field('employerType', 'employerType')}>
            <option value="">{text.employerTypeChoose}</option>
            <NameOptions names={EMPLOYER_TYPES} />
          </SelectField>
          <TextField
            label={`${text.employerName} ${shared.optional}`}
            maxLength={200}
            {...field('employerName', 'employerName')}
          />
          <TextField
            label={text.jobTitle}
            hint={text.jobTitleHint}
            required
            maxLength={200}
            {...field('jobTitle', 'jobTitle')}
          />
        </div>
        {destination && draft.sector && (
          <section aria-live="polite" className="notice">
            <p>
              <strong>
                {fill(text.rules, {
                  destination: countryName(destination, locale),
                  sector: label(SECTORS, draft.sector, locale),
                })}
              </strong>
            </p>
            {rules.loading && <p>{text.rulesLoading}</p>}
            {rules.data && (
              <>
                <ul>
                  {rules.data.placementRules.byEmployerType.map((decision) => (
                    <li key={decision.employerType}>
                      {fill(text.rulesEmployer, {
                        employerType: label(EMPLOYER_TYPES, decision.employerType, locale),
                        decision: label(RULE_DECISIONS, decision.decision, locale),
                      })}
                      {decision.source && <span className="muted"> ({decision.source})</span>}
                    </li>
                  ))}
                </ul>
                <p>{text.rulesRequirements}</p>
                <p className="muted">
                  {rules.data.placementRules.requirements
                    .map((kind) => label(REQUIREMENT_KINDS, kind, locale))
                    .join(', ')}
                </p>
              </>
            )}
            {!unknownDestination && <ErrorNotice error={rules.error} onRetry={rules.reload} />}
          </section>
        )}
      </fieldset>

      <fieldset className="card placements-fieldset">
        <legend>{text.channel}</legend>
        <div className="form-grid">
          <SelectField label={text.channelField} {...field('channel', 'scheme')}>
            <option value="RECRUITER">{text.channelRecruiter}</option>
            <option value="SPSK">{text.channelSpsk}</option>
            <option value="G_TO_G">{text.channelGovernment}</option>
          </SelectField>
          {draft.channel !== 'G_TO_G' && (
            <>
              <TextField
                label={text.recruiterSearch}
                hint={text.recruiterSearchHint}
                type="search"
                value={recruiterName}
                onChange={(event) => setRecruiterName(event.target.value)}
              />
              <SelectField
                label={text.recruiter}
                aria-busy={recruiters.loading}
                {...bindField(draft.recruiterId, chooseRecruiter, problem('recruiterId', 'recruiterId'))}
                hint={
                  !draft.recruiterId
                    ? text.recruiterMissing
                    : chosenRecruiter && chosenRecruiter.status !== 'ACTIVE'
                      ? text.recruiterNotActive
                      : undefined
                }
              >
                <option value="">
                  {recruiterOptions.length ? text.recruiterChoose : text.recruiterNone}
                </option>
                {shownRecruiters.map((recruiter) => (
                  <option key={recruiter.id} value={recruiter.id}>
                    {fill(text.recruiterOption, {
                      name: recruiter.name,
                      licence: recruiter.licenceNumber,
                      status: label(RECRUITER_STATUSES, recruiter.status, locale),
                    })}
                  </option>
                ))}
              </SelectField>
            </>
          )}
          <ErrorNotice error={recruiters.error} onRetry={recruiters.reload} />
        </div>
      </fieldset>

      <fieldset className="card placements-fieldset">
        <legend>{text.contract}</legend>
        <div className="form-grid">
          <SelectField label={text.visaType} hint={text.visaHint} {...field('visaType', 'visaType')}>
            <NameOptions names={VISA_TYPES} />
          </SelectField>
          <TextField
            label={`${text.contractStart} ${shared.optional}`}
            type="date"
            {...field('contractStart', 'contractStart')}
          />
          <TextField
            label={`${text.contractEnd} ${shared.optional}`}
            type="date"
            min={draft.contractStart || undefined}
            {...field('contractEnd', 'contractEnd')}
          />
          <TextField
            label={`${fill(text.plannedDeparture, { zone: dates.zone })} ${shared.optional}`}
            hint={text.plannedDepartureHint}
            type="datetime-local"
            {...field('plannedDeparture', 'plannedDepartureAt')}
          />
        </div>
      </fieldset>
      <SubmitActions label={text.submit} running={running} runningLabel={text.submitting} />
    </form>
  );
}
