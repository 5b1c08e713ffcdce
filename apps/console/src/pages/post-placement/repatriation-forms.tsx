import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '../../api/client';
import { useDates } from '../../format/dates';
import type {
  PostPlacementPlacementQuery,
  RepatriationInput,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  RepatriationUpdateInput,
} from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { badgeClass, codesOf, label } from '../../labels/names';
import { REPATRIATION_NEEDS, REPATRIATION_REASONS, REPATRIATION_STATUSES, repatriationTone } from './labels';
import { messages } from './messages';
import { REQUEST_REPATRIATION, UPDATE_REPATRIATION } from './operations';
import { CheckboxGroup, MutationError, useFieldError } from './parts';
import { repatriationTargets } from './progress';
import { isId } from './search';
import { isoToLocalDateTime } from '../../format/local-date-time';
import { plannedMoment } from './moments';

export type PanelPlacement = NonNullable<PostPlacementPlacementQuery['placement']>;

export interface FormProps {
  placement: PanelPlacement;
  workerName: string;
  onReload: () => void;
  onDone: (message: string) => void;
}

/** PLACED → REPATRIATING (or the remains of a worker who died abroad): why, what the journey needs, when. */
export function RequestRepatriationForm({
  placement,
  workerName,
  onReload,
  onDone,
  alertId: givenAlertId,
}: FormProps & { alertId: string | undefined }): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { timeZone, zone } = useDates();
  const deceased = placement.stage === 'DECEASED';
  const [reason, setReason] = useState<RepatriationReason | ''>(deceased ? 'DEATH' : '');
  const [needs, setNeeds] = useState<RepatriationNeed[]>([]);
  const [plannedArrival, setPlannedArrival] = useState('');
  const [alertId, setAlertId] = useState(givenAlertId ?? '');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(REQUEST_REPATRIATION);
  const fieldError = useFieldError(state.error, problems);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    reset();
    const found: Record<string, string> = {};
    if (!reason) found['reason'] = text.reasonRequired;
    const planned = plannedMoment(plannedArrival, timeZone);
    if (planned.problem) found['plannedArrivalAt'] = text.invalidDateTime;
    if (alertId.trim() && !isId(alertId)) found['alertId'] = text.alertIdInvalid;
    setProblems(found);
    if (Object.keys(found).length > 0 || !reason) return;
    const input: RepatriationInput = { reason };
    if (needs.length > 0) input.needs = needs;
    if (planned.iso) input.plannedArrivalAt = planned.iso;
    if (alertId.trim()) input.alertId = alertId.trim();
    if (note.trim()) input.note = note.trim();
    const result = await run({ placementId: placement.id, version: placement.version, input });
    if (result) onDone(fill(text.requested, { name: workerName }));
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {deceased && <p className="notice notice-warning">{text.remains}</p>}
      <div className="form-grid">
        <SelectField
          label={text.reason}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value as RepatriationReason | '')}
          error={fieldError('input.reason')}
        >
          <option value="">{text.choose}</option>
          {codesOf(REPATRIATION_REASONS).map((code) => (
            <option key={code} value={code}>
              {label(REPATRIATION_REASONS, code, locale)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={`${text.plannedArrival} ${shared.optional}`}
          type="datetime-local"
          value={plannedArrival}
          onChange={(event) => setPlannedArrival(event.target.value)}
          hint={fill(text.zoneHint, { zone })}
          error={fieldError('input.plannedArrivalAt')}
        />
        <TextField
          label={`${text.alertId} ${shared.optional}`}
          value={alertId}
          onChange={(event) => setAlertId(event.target.value)}
          hint={text.alertIdHint}
          error={fieldError('input.alertId')}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <CheckboxGroup
        legend={text.needs}
        hint={text.needsHint}
        codes={codesOf(REPATRIATION_NEEDS)}
        names={REPATRIATION_NEEDS[locale]}
        value={needs}
        onChange={setNeeds}
        error={fieldError('input.needs')}
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
          {state.running ? shared.saving : text.submitRequest}
        </button>
      </div>
    </form>
  );
}

/** ARRANGED, IN_TRANSIT (forward only) or CANCELLED with the reason; a planned arrival or a note. */
export function UpdateRepatriationForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { timeZone, zone, dateTime } = useDates();
  const repatriation = placement.repatriation;
  const plannedBefore = repatriation?.plannedArrivalAt
    ? isoToLocalDateTime(repatriation.plannedArrivalAt, timeZone)
    : '';
  const [status, setStatus] = useState<RepatriationStatus | ''>('');
  const [plannedArrival, setPlannedArrival] = useState(plannedBefore);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(UPDATE_REPATRIATION);
  const fieldError = useFieldError(state.error, problems);
  if (!repatriation) return null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    reset();
    const found: Record<string, string> = {};
    const planned = plannedMoment(plannedArrival, timeZone);
    if (planned.problem) found['plannedArrivalAt'] = text.invalidDateTime;
    if (status === 'CANCELLED' && !note.trim()) found['note'] = text.cancelNoteRequired;
    const input: RepatriationUpdateInput = {};
    if (status) input.status = status;
    if (planned.iso && plannedArrival !== plannedBefore) input.plannedArrivalAt = planned.iso;
    if (note.trim()) input.note = note.trim();
    if (Object.keys(found).length === 0 && Object.keys(input).length === 0)
      found['form'] = text.nothingToChange;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const result = await run({ id: repatriation.id, version: repatriation.version, input });
    if (result) onDone(fill(text.updated, { name: workerName }));
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <dl className="pp-facts">
        <div>
          <dt>{text.currentStatus}</dt>
          <dd>
            <span className={badgeClass(repatriationTone(repatriation.status))}>
              {label(REPATRIATION_STATUSES, repatriation.status, locale)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{text.colReason}</dt>
          <dd>{label(REPATRIATION_REASONS, repatriation.reason, locale)}</dd>
        </div>
        <div>
          <dt>{text.colRequested}</dt>
          <dd>
            {repatriation.requestedByAgency?.name ?? '—'}, {dateTime(repatriation.requestedAt)}
          </dd>
        </div>
        {repatriation.needs.length > 0 && (
          <div>
            <dt>{text.needs}</dt>
            <dd>{repatriation.needs.map((need) => label(REPATRIATION_NEEDS, need, locale)).join(', ')}</dd>
          </div>
        )}
        {repatriation.note && (
          <div>
            <dt>{text.note}</dt>
            <dd>{repatriation.note}</dd>
          </div>
        )}
      </dl>
      <div className="form-grid">
        <SelectField
          label={text.newStatus}
          value={status}
          onChange={(event) => setStatus(event.target.value as RepatriationStatus | '')}
          hint={text.completedByReturn}
          error={fieldError('input.status')}
        >
          <option value="">{text.unchanged}</option>
          {repatriationTargets(repatriation.status).map((code) => (
            <option key={code} value={code}>
              {label(REPATRIATION_STATUSES, code, locale)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={`${text.plannedArrival} ${shared.optional}`}
          type="datetime-local"
          value={plannedArrival}
          onChange={(event) => setPlannedArrival(event.target.value)}
          hint={fill(text.zoneHint, { zone })}
          error={fieldError('input.plannedArrivalAt')}
        />
      </div>
      <TextAreaField
        label={status === 'CANCELLED' ? text.note : `${text.note} ${shared.optional}`}
        required={status === 'CANCELLED'}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        hint={text.cancelNoteHint}
        rows={3}
        maxLength={4000}
        error={fieldError('input.note')}
      />
      {problems['form'] && (
        <p className="notice notice-warning" role="alert">
          {problems['form']}
        </p>
      )}
      <MutationError
        error={state.error}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={state.running}>
          {state.running ? shared.saving : text.submitUpdate}
        </button>
      </div>
    </form>
  );
}

/** Every repatriation of the placement, newest first. */
export function RepatriationHistory({ placement }: { placement: PanelPlacement }): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const { dateTime } = useDates();
  if (placement.repatriations.length === 0) return null;
  return (
    <>
      <h3>{text.history}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{text.colRequested}</th>
              <th scope="col">{text.colReason}</th>
              <th scope="col">{text.colRepatriation}</th>
              <th scope="col">{text.note}</th>
            </tr>
          </thead>
          <tbody>
            {placement.repatriations.map((repatriation) => (
              <tr key={repatriation.id}>
                <td>
                  {repatriation.requestedByAgency?.name ?? '—'}
                  <br />
                  <span className="muted">{dateTime(repatriation.requestedAt)}</span>
                </td>
                <td>{label(REPATRIATION_REASONS, repatriation.reason, locale)}</td>
                <td>
                  <span className={badgeClass(repatriationTone(repatriation.status))}>
                    {label(REPATRIATION_STATUSES, repatriation.status, locale)}
                  </span>
                </td>
                <td>{repatriation.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
