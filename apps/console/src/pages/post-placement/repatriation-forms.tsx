import { useState, type ReactNode } from 'react';
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
import { CodeSelect } from '../../ui/code-select';
import { TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { badgeClass, label } from '../../labels/names';
import { REPATRIATION_NEEDS, REPATRIATION_REASONS, REPATRIATION_STATUSES, repatriationTone } from './labels';
import { messages } from './messages';
import { REQUEST_REPATRIATION, UPDATE_REPATRIATION } from './operations';
import { CheckboxGroup, MutationForm, NoteField, useFormMutation } from './parts';
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
  const { timeZone } = useDates();
  const deceased = placement.stage === 'DECEASED';
  const [reason, setReason] = useState<RepatriationReason | ''>(deceased ? 'DEATH' : '');
  const [needs, setNeeds] = useState<RepatriationNeed[]>([]);
  const [plannedArrival, setPlannedArrival] = useState('');
  const [alertId, setAlertId] = useState(givenAlertId ?? '');
  const [note, setNote] = useState('');
  const mutation = useFormMutation(REQUEST_REPATRIATION);
  const { run, fieldError, setProblems } = mutation;

  const send = async (): Promise<void> => {
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
    <MutationForm mutation={mutation} onSend={send} onReload={onReload} submitText={text.submitRequest}>
      {deceased && <p className="notice notice-warning">{text.remains}</p>}
      <div className="form-grid">
        <CodeSelect
          label={text.reason}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value as RepatriationReason | '')}
          error={fieldError('input.reason')}
          noneText={text.choose}
          names={REPATRIATION_REASONS}
        />
        <PlannedArrivalField
          value={plannedArrival}
          onChange={setPlannedArrival}
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
        names={REPATRIATION_NEEDS}
        value={needs}
        onChange={setNeeds}
        error={fieldError('input.needs')}
      />
      <NoteField value={note} onChange={setNote} error={fieldError('input.note')} />
    </MutationForm>
  );
}

/** ARRANGED, IN_TRANSIT (forward only) or CANCELLED with the reason; a planned arrival or a note. */
export function UpdateRepatriationForm({ placement, workerName, onReload, onDone }: FormProps): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const { timeZone, dateTime } = useDates();
  const repatriation = placement.repatriation;
  const plannedBefore = repatriation?.plannedArrivalAt
    ? isoToLocalDateTime(repatriation.plannedArrivalAt, timeZone)
    : '';
  const [status, setStatus] = useState<RepatriationStatus | ''>('');
  const [plannedArrival, setPlannedArrival] = useState(plannedBefore);
  const [note, setNote] = useState('');
  const mutation = useFormMutation(UPDATE_REPATRIATION);
  const { run, fieldError, problems, setProblems } = mutation;
  if (!repatriation) return null;

  const send = async (): Promise<void> => {
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
    <MutationForm mutation={mutation} onSend={send} onReload={onReload} submitText={text.submitUpdate}>
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
        <CodeSelect
          label={text.newStatus}
          value={status}
          onChange={(event) => setStatus(event.target.value as RepatriationStatus | '')}
          hint={text.completedByReturn}
          error={fieldError('input.status')}
          noneText={text.unchanged}
          codes={repatriationTargets(repatriation.status)}
          names={REPATRIATION_STATUSES}
        />
        <PlannedArrivalField
          value={plannedArrival}
          onChange={setPlannedArrival}
          error={fieldError('input.plannedArrivalAt')}
        />
      </div>
      <NoteField
        value={note}
        onChange={setNote}
        error={fieldError('input.note')}
        required={status === 'CANCELLED'}
        hint={text.cancelNoteHint}
      />
      {problems['form'] && (
        <p className="notice notice-warning" role="alert">
          {problems['form']}
        </p>
      )}
    </MutationForm>
  );
}

/** When the worker (or the remains) should arrive home, optional, in the officer's time zone. */
function PlannedArrivalField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const { zone } = useDates();
  return (
    <TextField
      label={`${text.plannedArrival} ${shared.optional}`}
      type="datetime-local"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={fill(text.zoneHint, { zone })}
      error={error}
    />
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
