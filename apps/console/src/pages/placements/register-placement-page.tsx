import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type {
  EmployerType,
  PlacementScheme,
  RegisterPlacementInput,
  Sector,
  VisaType,
} from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link, navigate, useLocation } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
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
  const shared = useMessages(common);
  const { search } = useLocation();
  const workerId = search.get('pekerja') ?? '';
  const worker = useQuery(WORKER, { id: workerId }, { skip: !workerId });
  const [before, after] = text.noWorker.split('{workers}');

  if (!workerId || (worker.data && !worker.data.worker)) {
    return (
      <>
        <h1>{text.title}</h1>
        <p className="notice notice-warning">
          {before}
          <Link to="/pekerja">{text.workersPage}</Link>
          {after}
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{text.title}</h1>
      <ErrorNotice error={worker.error} onRetry={worker.reload} />
      {worker.loading && <p role="status">{shared.loading}</p>}
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
  const chosenRecruiter = recruiterOptions.find((recruiter) => recruiter.id === draft.recruiterId);

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
            value={draft.destinationChoice}
            onChange={(event) => set('destinationChoice')(event.target.value)}
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
              value={draft.destinationCode}
              onChange={(event) => set('destinationCode')(event.target.value)}
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
            value={draft.destinationCity}
            maxLength={100}
            onChange={(event) => set('destinationCity')(event.target.value)}
            error={problem('destinationCity', 'destinationCity')}
          />
          <SelectField
            label={text.sector}
            required
            value={draft.sector}
            onChange={(event) => set('sector')(event.target.value as Sector | '')}
            error={problem('sector', 'sector')}
          >
            <option value="">{text.sectorChoose}</option>
            {Object.entries(SECTORS[locale]).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={text.employerType}
            required
            value={draft.employerType}
            onChange={(event) => set('employerType')(event.target.value as EmployerType | '')}
            error={problem('employerType', 'employerType')}
          >
            <option value="">{text.employerTypeChoose}</option>
            {Object.entries(EMPLOYER_TYPES[locale]).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={`${text.employerName} ${shared.optional}`}
            value={draft.employerName}
            maxLength={200}
            onChange={(event) => set('employerName')(event.target.value)}
            error={problem('employerName', 'employerName')}
          />
          <TextField
            label={text.jobTitle}
            hint={text.jobTitleHint}
            required
            maxLength={200}
            value={draft.jobTitle}
            onChange={(event) => set('jobTitle')(event.target.value)}
            error={problem('jobTitle', 'jobTitle')}
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
          <SelectField
            label={text.channelField}
            value={draft.channel}
            onChange={(event) => set('channel')(event.target.value as Channel)}
            error={problem('channel', 'scheme')}
          >
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
                value={draft.recruiterId}
                aria-busy={recruiters.loading}
                onChange={(event) => set('recruiterId')(event.target.value)}
                hint={
                  !draft.recruiterId
                    ? text.recruiterMissing
                    : chosenRecruiter && chosenRecruiter.status !== 'ACTIVE'
                      ? text.recruiterNotActive
                      : undefined
                }
                error={problem('recruiterId', 'recruiterId')}
              >
                <option value="">
                  {recruiterOptions.length ? text.recruiterChoose : text.recruiterNone}
                </option>
                {draft.recruiterId && !chosenRecruiter && (
                  <option value={draft.recruiterId}>{draft.recruiterId}</option>
                )}
                {recruiterOptions.map((recruiter) => (
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
          <SelectField
            label={text.visaType}
            hint={text.visaHint}
            value={draft.visaType}
            onChange={(event) => set('visaType')(event.target.value as VisaType)}
            error={problem('visaType', 'visaType')}
          >
            {Object.entries(VISA_TYPES[locale]).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={`${text.contractStart} ${shared.optional}`}
            type="date"
            value={draft.contractStart}
            onChange={(event) => set('contractStart')(event.target.value)}
            error={problem('contractStart', 'contractStart')}
          />
          <TextField
            label={`${text.contractEnd} ${shared.optional}`}
            type="date"
            min={draft.contractStart || undefined}
            value={draft.contractEnd}
            onChange={(event) => set('contractEnd')(event.target.value)}
            error={problem('contractEnd', 'contractEnd')}
          />
          <TextField
            label={`${fill(text.plannedDeparture, { zone: dates.zone })} ${shared.optional}`}
            hint={text.plannedDepartureHint}
            type="datetime-local"
            value={draft.plannedDeparture}
            onChange={(event) => set('plannedDeparture')(event.target.value)}
            error={problem('plannedDeparture', 'plannedDepartureAt')}
          />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={running}>
          {running ? text.submitting : text.submit}
        </button>
      </div>
    </form>
  );
}
