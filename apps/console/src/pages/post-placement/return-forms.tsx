import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import type { HealthOnArrival, ReintegrationRefusalInput, ReturnInput, ServiceKind } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { checkReferral, mayOverrideConsent, type ConsentAnswer } from './consent';
import { badgeClass, codesOf, label } from '../../labels/names';
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
import { CheckboxField, CheckboxGroup, momentProblem, MutationError, useFieldError } from './parts';
import type { FormProps, PanelPlacement } from './repatriation-forms';
import { pastMoment } from './moments';

/** The worker (or the remains) home: when, where, in what state; recorded once. */
export function RecordReturnForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { timeZone, zone } = useDates();
  const remains = placement.stage === 'DECEASED';
  const [returnedAt, setReturnedAt] = useState('');
  const [portOfEntry, setPortOfEntry] = useState('');
  const [health, setHealth] = useState<HealthOnArrival | ''>('');
  const [suspected, setSuspected] = useState(false);
  const [wagesOwed, setWagesOwed] = useState(false);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(RECORD_RETURN);
  const fieldError = useFieldError(state.error, problems);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    reset();
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
    <form onSubmit={(event) => void submit(event)} noValidate>
      {remains && <p className="notice notice-warning">{text.remains}</p>}
      <div className="form-grid">
        <TextField
          label={text.returnedAt}
          type="datetime-local"
          required
          value={returnedAt}
          onChange={(event) => setReturnedAt(event.target.value)}
          hint={fill(text.pastZoneHint, { zone })}
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
          <SelectField
            label={text.healthOnArrival}
            value={health}
            onChange={(event) => setHealth(event.target.value as HealthOnArrival | '')}
            error={fieldError('input.healthOnArrival')}
          >
            <option value="">{text.notRecorded}</option>
            {codesOf(HEALTH_ON_ARRIVAL).map((code) => (
              <option key={code} value={code}>
                {label(HEALTH_ON_ARRIVAL, code, locale)}
              </option>
            ))}
          </SelectField>
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
      <TextAreaField
        label={`${text.note} ${shared.optional}`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={3}
        maxLength={4000}
        error={fieldError('input.note')}
      />
      <MutationError
        error={state.error}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={state.running}>
          {state.running ? shared.saving : text.submitReturn}
        </button>
      </div>
    </form>
  );
}

/**
 * A returned worker referred to a reintegration service. The worker's consent is asked and
 * recorded explicitly; without it no referral is made, unless a case handler overrides it with
 * the reason.
 */
export function ReferForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
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
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(REFER_TO_SERVICE);
  const fieldError = useFieldError(state.error, problems);
  const noReferral = consent === 'refused' && !canOverride;
  const homeAgencies = (agencies.data?.agencies ?? []).filter(
    (agency) => HOME_AGENCY_KINDS.includes(agency.kind) && agency.id !== session?.principal.agency.id,
  );

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    reset();
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
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className="form-grid">
        <SelectField
          label={text.service}
          required
          value={service}
          onChange={(event) => setService(event.target.value as ServiceKind | '')}
          error={fieldError('input.service')}
        >
          <option value="">{text.choose}</option>
          {codesOf(SERVICES).map((code) => (
            <option key={code} value={code}>
              {label(SERVICES, code, locale)}
            </option>
          ))}
        </SelectField>
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
        <div className="pp-check">
          <input
            id="pp-consent-given"
            type="radio"
            name="consent"
            value="given"
            checked={consent === 'given'}
            onChange={() => answer('given')}
            aria-invalid={consentError ? true : undefined}
          />
          <label htmlFor="pp-consent-given">{text.consentYes}</label>
        </div>
        <div className="pp-check">
          <input
            id="pp-consent-refused"
            type="radio"
            name="consent"
            value="refused"
            checked={consent === 'refused'}
            onChange={() => answer('refused')}
            aria-invalid={consentError ? true : undefined}
          />
          <label htmlFor="pp-consent-refused">{text.consentNo}</label>
        </div>
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
      <TextAreaField
        label={`${text.note} ${shared.optional}`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={3}
        maxLength={4000}
        error={fieldError('input.note')}
      />
      <MutationError
        error={state.error}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={state.running || noReferral}>
          {state.running ? shared.saving : text.submitReferral}
        </button>
      </div>
    </form>
  );
}

/** The worker declined reintegration services, all or some; the stage stays. */
export function RefusalForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { timeZone, zone } = useDates();
  const [refusedAt, setRefusedAt] = useState('');
  const [services, setServices] = useState<ServiceKind[]>([]);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(RECORD_REFUSAL);
  const fieldError = useFieldError(state.error, problems);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    reset();
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
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className="form-grid">
        <TextField
          label={text.refusedAt}
          type="datetime-local"
          required
          value={refusedAt}
          onChange={(event) => setRefusedAt(event.target.value)}
          hint={fill(text.pastZoneHint, { zone })}
          error={fieldError('input.refusedAt')}
        />
      </div>
      <CheckboxGroup
        legend={text.refusedServices}
        hint={text.refusedServicesHint}
        codes={codesOf(SERVICES)}
        names={SERVICES[locale]}
        value={services}
        onChange={setServices}
        error={fieldError('input.services')}
      />
      <TextAreaField
        label={`${text.note} ${shared.optional}`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={3}
        maxLength={4000}
        error={fieldError('input.note')}
      />
      <MutationError
        error={state.error}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={state.running}>
          {state.running ? shared.saving : text.submitRefusal}
        </button>
      </div>
    </form>
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
