import { useState, type FormEvent, type ReactNode } from 'react';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { TypedDocumentString } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { SubmitActions } from '../../ui/submit-actions';
import { isoToLocalDateTime, localDateTimeToIso } from '../../format/local-date-time';
import { placementDetail, placementWords } from './messages';
import type { PlacementDetail, PlacementSectionProps } from './placement-page';
import { isOfficer } from './roles';
import { usePlacementChange } from './use-placement-change';
import { unmetLines } from './unmet';

const CLEAR = graphql(`
  mutation PlacementPageClearForDeparture($placementId: ID!, $version: Int!) {
    clearForDeparture(placementId: $placementId, version: $version) {
      id
      version
    }
  }
`);

const DEPART = graphql(`
  mutation PlacementPageRecordDeparture(
    $placementId: ID!
    $version: Int!
    $departedAt: DateTime!
    $port: String
  ) {
    recordDeparture(placementId: $placementId, version: $version, departedAt: $departedAt, port: $port) {
      id
      version
    }
  }
`);

const ARRIVE = graphql(`
  mutation PlacementPageConfirmArrival(
    $placementId: ID!
    $version: Int!
    $arrivedAt: DateTime!
    $employer: EmployerInput
  ) {
    confirmArrival(placementId: $placementId, version: $version, arrivedAt: $arrivedAt, employer: $employer) {
      id
      version
    }
  }
`);

const CANCEL = graphql(`
  mutation PlacementPageCancel($placementId: ID!, $version: Int!, $reason: String!) {
    cancelPlacement(placementId: $placementId, version: $version, reason: $reason) {
      id
      version
    }
  }
`);

interface ActionProps {
  placement: PlacementDetail;
  /** After a change: the message to show, and the placement read again. */
  onDone: (message: string) => void;
  onChanged: () => void;
}

/**
 * What the officer does next, by stage: clear for departure, record the departure, confirm the
 * arrival, cancel. Each change sends the version read; the forms start afresh with each new version.
 */
export function PlacementActions({ placement, roles, onChanged }: PlacementSectionProps): ReactNode {
  const text = useMessages(placementDetail);
  const [done, setDone] = useState<string>();
  const officer = isOfficer(roles);
  const reporter = officer || roles.includes('PARTNER');
  const beforeDeparture = placement.stage === 'REGISTERED' || placement.stage === 'CLEARED';
  const canClear = officer && placement.stage === 'REGISTERED';
  const canDepart = officer && beforeDeparture;
  const canArrive = reporter && (beforeDeparture || placement.stage === 'DEPARTED');
  const canCancel = officer && beforeDeparture;
  if (!done && !canClear && !canDepart && !canArrive && !canCancel) return null;

  const props: ActionProps = {
    placement,
    onChanged,
    onDone: (message) => {
      setDone(message);
      onChanged();
    },
  };
  return (
    <section className="card" aria-labelledby="placement-actions">
      <h2 id="placement-actions">{text.actions}</h2>
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <div key={placement.version}>
        {canClear && <ClearForDeparture {...props} />}
        {canDepart && (
          <details className="placements-action">
            <summary>{text.departure}</summary>
            <DepartureForm {...props} />
          </details>
        )}
        {canArrive && (
          <details className="placements-action">
            <summary>{text.arrival}</summary>
            <ArrivalForm {...props} />
          </details>
        )}
        {canCancel && (
          <details className="placements-action">
            <summary>{text.cancel}</summary>
            <CancelForm {...props} />
          </details>
        )}
      </div>
    </section>
  );
}

function ClearForDeparture({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  const locale = useLocale();
  const [clear, { running, error }, retry] = usePlacementChange(CLEAR, onChanged);
  const run = async (): Promise<void> => {
    const result = await clear({ placementId: placement.id, version: placement.version });
    if (result) onDone(text.cleared);
  };
  return (
    <div>
      <div className="actions">
        <button type="button" className="button primary" disabled={running} onClick={() => void run()}>
          {running ? text.clearing : text.clear}
        </button>
      </div>
      {error?.code === 'PRECONDITION_FAILED' ? (
        <div className="notice notice-error" role="alert">
          <h3>{text.unmetHeading}</h3>
          <ul className="placements-unmet">
            {unmetLines(error.unmet, locale).map((line) => (
              <li key={`${line.kind}:${line.reason ?? ''}`}>
                <strong>{line.label}</strong>
                {line.reason && `: ${line.reason}`}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorNotice error={error} onRetry={retry} />
      )}
    </div>
  );
}

/** The API's refusal of a moment, in the officer's language for the checks it makes: not in the future, not before the departure. */
function momentRefusal(
  message: string | undefined,
  text: { inFuture: string; beforeDeparture: string },
): string | undefined {
  if (message?.includes('future')) return text.inFuture;
  if (message?.includes('before the recorded departure')) return text.beforeDeparture;
  return message;
}

/** A datetime-local field in the officer's zone, its value read as that zone's wall clock. */
function MomentField({
  label,
  hint,
  value,
  onChange,
  error,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}): ReactNode {
  const dates = useDates();
  return (
    <TextField
      label={fill(label, { zone: dates.zone })}
      hint={hint}
      type="datetime-local"
      required
      max={isoToLocalDateTime(new Date().toISOString(), dates.timeZone)}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  );
}

/**
 * A moment in the placement's life (the departure, the arrival) with one optional detail: the
 * moment is checked before it is sent, and one recorded out of order (a departure not cleared, an
 * arrival with no departure) is sent only once the officer confirms it.
 */
function MomentForm<Result, Variables>({
  onDone,
  onChanged,
  mutation,
  variables,
  inOrder,
  moment,
  detail,
  texts,
}: Omit<ActionProps, 'placement'> & {
  mutation: TypedDocumentString<Result, Variables>;
  /** The mutation's variables for the moment (an ISO instant) and the detail, trimmed. */
  variables: (at: string, detail: string) => Variables;
  /** Whether the placement is at the stage the moment follows; if not, the officer confirms first. */
  inOrder: boolean;
  moment: { label: string; hint?: string; path: string };
  detail: { label: string; maxLength: number; path: string };
  texts: { warning: string; confirmQuestion: string; confirm: string; save: string; saved: string };
}): ReactNode {
  const text = useMessages(placementDetail);
  const shared = useMessages(common);
  const words = useMessages(placementWords);
  const dates = useDates();
  const [local, setLocal] = useState('');
  const [detailText, setDetailText] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [record, { running, error }, retry] = usePlacementChange(mutation, onChanged);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const at = localDateTimeToIso(local, dates.timeZone);
    if (!at) {
      setInvalid(local ? text.invalidDateTime : words.required);
      setConfirming(false);
      return;
    }
    if (!inOrder && !confirming) {
      setConfirming(true);
      return;
    }
    const result = await record(variables(at, detailText.trim()));
    setConfirming(false);
    if (result) onDone(texts.saved);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {!inOrder && (
        <p className="notice notice-warning">
          <strong>{texts.warning}</strong>
        </p>
      )}
      <ErrorNotice error={error} onRetry={retry} />
      <div className="form-grid">
        <MomentField
          label={moment.label}
          hint={moment.hint}
          value={local}
          onChange={(value) => {
            setLocal(value);
            setInvalid(undefined);
            setConfirming(false);
          }}
          error={invalid ?? momentRefusal(error?.fieldMessage(moment.path), text)}
        />
        <TextField
          label={`${detail.label} ${shared.optional}`}
          maxLength={detail.maxLength}
          value={detailText}
          onChange={(event) => setDetailText(event.target.value)}
          error={error?.fieldMessage(detail.path)}
        />
      </div>
      {confirming ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{texts.confirmQuestion}</strong>
          </p>
          <SubmitActions label={texts.confirm} running={running} tone="danger">
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {text.back2}
            </button>
          </SubmitActions>
        </div>
      ) : (
        <SubmitActions label={texts.save} running={running} />
      )}
    </form>
  );
}

function DepartureForm({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  return (
    <MomentForm
      onDone={onDone}
      onChanged={onChanged}
      mutation={DEPART}
      variables={(departedAt, port) => ({
        placementId: placement.id,
        version: placement.version,
        departedAt,
        port: port || null,
      })}
      inOrder={placement.stage === 'CLEARED'}
      moment={{ label: text.departedAt, hint: text.departedAtHint, path: 'departedAt' }}
      detail={{ label: text.departurePort, maxLength: 100, path: 'port' }}
      texts={{
        warning: text.departureWarning,
        confirmQuestion: text.departureConfirmQuestion,
        confirm: text.departureConfirm,
        save: text.departureSave,
        saved: text.departureSaved,
      }}
    />
  );
}

function ArrivalForm({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  return (
    <MomentForm
      onDone={onDone}
      onChanged={onChanged}
      mutation={ARRIVE}
      variables={(arrivedAt, employer) => ({
        placementId: placement.id,
        version: placement.version,
        arrivedAt,
        employer: employer ? { name: employer } : null,
      })}
      inOrder={placement.stage === 'DEPARTED'}
      moment={{ label: text.arrivedAt, path: 'arrivedAt' }}
      detail={{ label: text.arrivalEmployer, maxLength: 200, path: 'employer.name' }}
      texts={{
        warning: text.arrivalWarning,
        confirmQuestion: text.arrivalWarning,
        confirm: text.arrivalConfirm,
        save: text.arrivalSave,
        saved: text.arrivalSaved,
      }}
    />
  );
}

function CancelForm({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  const words = useMessages(placementWords);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [cancel, { running, error }, retry] = usePlacementChange(CANCEL, onChanged);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    const result = await cancel({
      placementId: placement.id,
      version: placement.version,
      reason: reason.trim(),
    });
    if (result) onDone(text.cancelSaved);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorNotice error={error} onRetry={retry} />
      <TextAreaField
        label={text.cancelReason}
        required
        maxLength={2000}
        rows={3}
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
          setMissing(false);
        }}
        error={missing ? words.required : error?.fieldMessage('reason')}
      />
      <SubmitActions label={text.cancelSave} running={running} tone="danger" />
    </form>
  );
}
