import { useState, type ReactNode } from 'react';
import { useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import type { HealthOnArrival, ReintegrationRefusalInput, ReturnInput, ServiceKind } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { CodeSelect } from '../../ui/code-select';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { checkReferral, mayOverrideConsent, type ConsentAnswer } from './consent';
import { badgeClass, label } from '../../labels/names';
import {
  AGENCY_KINDS,
  HEALTH_ON_ARRIVAL,
  HOME_AGENCY_KINDS,
  REFERRAL_STATUSES,
  referralTone,
  SERVICES,
} from './labels';
import { messages } from './messages';
import { AGENCIES, RECORD_REFUSAL, RECORD_RETURN, REFER_TO_SERVICE } from './operations';
import {
  CheckboxField,
  CheckboxGroup,
  momentProblem,
  MutationForm,
  NoteField,
  useFormMutation,
} from './parts';
import type { FormProps, PanelPlacement } from './repatriation-forms';
import { pastMoment } from './moments';

/** When something already happened (the return, a refusal), in the officer's time zone. */
function PastMomentField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}): ReactNode {
  const text = useMessages(messages);
  const { zone } = useDates();
  return (
    <TextField
      label={label}
      type="datetime-local"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={fill(text.pastZoneHint, { zone })}
      error={error}
    />
  );
}

/** The worker (or the remains) home: when, where, in what state; recorded once. */
export function RecordReturnForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const { timeZone } = useDates();
  const remains = placement.stage === 'DECEASED';
  const [returnedAt, setReturnedAt] = useState('');
  const [portOfEntry, setPortOfEntry] = useState('');
  const [health, setHealth] = useState<HealthOnArrival | ''>('');
  const [suspected, setSuspected] = useState(false);
  const [wagesOwed, setWagesOwed] = useState(false);
  const [note, setNote] = useState('');
  const mutation = useFormMutation(RECORD_RETURN);
  const { run, fieldError, setProblems } = mutation;

  const send = async (): Promise<void> => {
    const moment = pastMoment(returnedAt, timeZone, new Date());
    const found: Record<string, string> = {};
    const problem = momentProblem(moment.problem, text);
    if (problem) found['returnedAt'] = problem;
    setProblems(found);
    if (!moment.iso) return;
    const input: ReturnInput = { suspectedTraffickingVictim: suspected, wagesOwed };
    if (portOfEntry.trim()) input.portOfEntry = portOfEntry.trim();
    if (health && !remains) input.healthOnArrival = health;
    if (note.trim()) input.note = note.trim();
    const result = await run({
      placementId: placement.id,
      version: placement.version,
      returnedAt: moment.iso,
      input,
    });
    if (result) onDone(fill(text.returned, { name: workerName }));
  };

  return (
    <MutationForm mutation={mutation} onSend={send} onReload={onReload} submitText={text.submitReturn}>
      {remains && <p className="notice notice-warning">{text.remains}</p>}
      <div className="form-grid">
        <PastMomentField
          label={text.returnedAt}
          value={returnedAt}
          onChange={setReturnedAt}
          error={fieldError('returnedAt')}
        />
        <TextField
          label={`${text.portOfEntry} ${shared.optional}`}
          value={portOfEntry}
          onChange={(event) => setPortOfEntry(event.target.value)}
          hint={text.portOfEntryHint}
          maxLength={100}
          error={fieldError('input.portOfEntry')}
        />
        {!remains && (
          <CodeSelect
            label={text.healthOnArrival}
            value={health}
            onChange={(event) => setHealth(event.target.value as HealthOnArrival | '')}
            error={fieldError('input.healthOnArrival')}
            noneText={text.notRecorded}
            names={HEALTH_ON_ARRIVAL}
          />
        )}
      </div>
      <CheckboxField
        label={text.suspectedTraffickingVictim}
        hint={text.suspectedTraffickingVictimHint}
        checked={suspected}
        onChange={(event) => setSuspected(event.target.checked)}
      />
      <CheckboxField
        label={text.wagesOwed}
        checked={wagesOwed}
        onChange={(event) => setWagesOwed(event.target.checked)}
      />
      <NoteField value={note} onChange={setNote} error={fieldError('input.note')} />
    </MutationForm>
  );
}

/** The worker's answers, as the radio buttons offer them. */
const CONSENT_ANSWERS = ['given', 'refused'] as const;

/**
 * A returned worker referred to a reintegration service. The worker's consent is asked and
 * recorded explicitly; without it no referral is made, unless a case handler overrides it with
 * the reason.
 */
export function ReferForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const session = useSession();
  const roles = session?.principal.roles ?? [];
  const canOverride = mayOverrideConsent(roles);
  const agencies = useQuery(AGENCIES, {});
  const [service, setService] = useState<ServiceKind | ''>('');
  const [agencyId, setAgencyId] = useState('');
  const [consent, setConsent] = useState<ConsentAnswer>('');
  const [overrideReason, setOverrideReason] = useState('');
  const [note, setNote] = useState('');
  const mutation = useFormMutation(REFER_TO_SERVICE);
  const { run, fieldError, problems, setProblems } = mutation;
  const noReferral = consent === 'refused' && !canOverride;
  const homeAgencies = (agencies.data?.agencies ?? []).filter(
    (agency) => HOME_AGENCY_KINDS.includes(agency.kind) && agency.id !== session?.principal.agency.id,
  );

  const send = async (): Promise<void> => {
    const check = checkReferral({ service, agencyId, consent, overrideReason, note }, roles);
    if (check.problems) {
      setProblems(
        Object.fromEntries(Object.entries(check.problems).map(([field, problem]) => [field, text[problem]])),
      );
      return;
    }
    setProblems({});
    const result = await run({ placementId: placement.id, input: check.input });
    if (result)
      onDone(
        fill(text.referred, {
          service: label(SERVICES, result.referToService.service, locale),
          name: workerName,
        }),
      );
  };
  const consentError = fieldError('consentGiven') ?? problems['consent'];
  const answer = (value: ConsentAnswer): void => {
    setConsent(value);
    setProblems(({ consent: _answered, ...others }) => others);
  };

  return (
    <MutationForm
      mutation={mutation}
      onSend={send}
      onReload={onReload}
      submitText={text.submitReferral}
      submitDisabled={noReferral}
    >
      <div className="form-grid">
        <CodeSelect
          label={text.service}
          required
          value={service}
          onChange={(event) => setService(event.target.value as ServiceKind | '')}
          error={fieldError('input.service')}
          noneText={text.choose}
          names={SERVICES}
        />
        <SelectField
          label={text.agency}
          value={agencyId}
          onChange={(event) => setAgencyId(event.target.value)}
          error={fieldError('input.agencyId')}
        >
          <option value="">{fill(text.ownAgency, { name: session?.principal.agency.name ?? '' })}</option>
          {homeAgencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name} ({label(AGENCY_KINDS, agency.kind, locale)})
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset
        className={consentError ? 'pp-group pp-consent field-invalid' : 'pp-group pp-consent'}
        aria-describedby="pp-consent-hint"
      >
        <legend>{text.consentLegend}</legend>
        <p id="pp-consent-hint" className="field-hint">
          {text.consentHint}
        </p>
        {CONSENT_ANSWERS.map((value) => (
          <div key={value} className="pp-check">
            <input
              id={`pp-consent-${value}`}
              type="radio"
              name="consent"
              value={value}
              checked={consent === value}
              onChange={() => answer(value)}
              aria-invalid={consentError ? true : undefined}
            />
            <label htmlFor={`pp-consent-${value}`}>
              {value === 'given' ? text.consentYes : text.consentNo}
            </label>
          </div>
        ))}
        {consentError && (
          <p className="field-error" role="alert">
            {consentError}
          </p>
        )}
      </fieldset>
      {noReferral && !problems['consent'] && (
        <p className="notice notice-warning" role="status">
          {text.consentMissing}
        </p>
      )}
      {consent === 'refused' && canOverride && (
        <>
          <p className="notice notice-warning" role="status">
            {text.consentOverrideWarning}
          </p>
          <TextAreaField
            label={text.overrideReason}
            required
            value={overrideReason}
            onChange={(event) => setOverrideReason(event.target.value)}
            rows={3}
            maxLength={4000}
            error={fieldError('input.consentOverrideReason')}
          />
        </>
      )}
      <NoteField value={note} onChange={setNote} error={fieldError('input.note')} />
    </MutationForm>
  );
}

/** The worker declined reintegration services, all or some; the stage stays. */
export function RefusalForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const { timeZone } = useDates();
  const [refusedAt, setRefusedAt] = useState('');
  const [services, setServices] = useState<ServiceKind[]>([]);
  const [note, setNote] = useState('');
  const mutation = useFormMutation(RECORD_REFUSAL);
  const { run, fieldError, setProblems } = mutation;

  const send = async (): Promise<void> => {
    const moment = pastMoment(refusedAt, timeZone, new Date());
    const problem = momentProblem(moment.problem, text);
    setProblems(problem ? { refusedAt: problem } : {});
    if (!moment.iso) return;
    const input: ReintegrationRefusalInput = { refusedAt: moment.iso };
    if (services.length > 0) input.services = services;
    if (note.trim()) input.note = note.trim();
    const result = await run({ placementId: placement.id, version: placement.version, input });
    if (result) onDone(fill(text.refusalRecorded, { name: workerName }));
  };

  return (
    <MutationForm mutation={mutation} onSend={send} onReload={onReload} submitText={text.submitRefusal}>
      <div className="form-grid">
        <PastMomentField
          label={text.refusedAt}
          value={refusedAt}
          onChange={setRefusedAt}
          error={fieldError('input.refusedAt')}
        />
      </div>
      <CheckboxGroup
        legend={text.refusedServices}
        hint={text.refusedServicesHint}
        names={SERVICES}
        value={services}
        onChange={setServices}
        error={fieldError('input.services')}
      />
      <NoteField value={note} onChange={setNote} error={fieldError('input.note')} />
    </MutationForm>
  );
}

/** What reintegration has been offered and refused so far: the context of a new referral or refusal. */
export function ReintegrationRecord({ placement }: { placement: PanelPlacement }): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const { dateTime } = useDates();
  return (
    <>
      {placement.referrals.length > 0 && (
        <>
          <h3>{text.referralsOfPlacement}</h3>
          <ul className="pp-record">
            {placement.referrals.map((referral) => (
              <li key={referral.id}>
                {label(SERVICES, referral.service, locale)} — {referral.agency?.name ?? '—'}{' '}
                <span className={badgeClass(referralTone(referral.status))}>
                  {label(REFERRAL_STATUSES, referral.status, locale)}
                </span>{' '}
                <span className="muted">{dateTime(referral.referredAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {placement.reintegrationRefusals.length > 0 && (
        <>
          <h3>{text.refusals}</h3>
          <ul className="pp-record">
            {placement.reintegrationRefusals.map((refusal) => (
              <li key={refusal.id}>
                {refusal.services.length === 0
                  ? text.allServices
                  : refusal.services.map((code) => label(SERVICES, code, locale)).join(', ')}{' '}
                <span className="muted">{dateTime(refusal.refusedAt)}</span>
                {refusal.note && <> — {refusal.note}</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
