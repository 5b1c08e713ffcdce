import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { isoToLocalDateTime, localDateTimeToIso } from '../../format/local-date-time';
import { placementDetail, placementWords } from './messages';
import type { PlacementDetail } from './placement-page';
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
export function PlacementActions({
  placement,
  roles,
  onChanged,
}: {
  placement: PlacementDetail;
  roles: readonly Role[];
  onChanged: () => void;
}): ReactNode {
  const text = useMessages(placementDetail);
  const [done, setDone] = useState<string>();
  const officer = roles.includes('OFFICER') || roles.includes('ADMIN');
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
  const [clear, { running, error }, reset] = useMutation(CLEAR);
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
        <ErrorNotice
          error={error}
          onRetry={() => {
            reset();
            onChanged();
          }}
        />
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

function DepartureForm({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  const shared = useMessages(common);
  const words = useMessages(placementWords);
  const dates = useDates();
  const [local, setLocal] = useState('');
  const [port, setPort] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [depart, { running, error }, reset] = useMutation(DEPART);
  const cleared = placement.stage === 'CLEARED';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const departedAt = localDateTimeToIso(local, dates.timeZone);
    if (!departedAt) {
      setInvalid(local ? text.invalidDateTime : words.required);
      setConfirming(false);
      return;
    }
    if (!cleared && !confirming) {
      setConfirming(true);
      return;
    }
    const result = await depart({
      placementId: placement.id,
      version: placement.version,
      departedAt,
      port: port.trim() || null,
    });
    setConfirming(false);
    if (result) onDone(text.departureSaved);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {!cleared && (
        <p className="notice notice-warning">
          <strong>{text.departureWarning}</strong>
        </p>
      )}
      <ErrorNotice
        error={error}
        onRetry={() => {
          reset();
          onChanged();
        }}
      />
      <div className="form-grid">
        <MomentField
          label={text.departedAt}
          hint={text.departedAtHint}
          value={local}
          onChange={(value) => {
            setLocal(value);
            setInvalid(undefined);
            setConfirming(false);
          }}
          error={invalid ?? momentRefusal(error?.fieldMessage('departedAt'), text)}
        />
        <TextField
          label={`${text.departurePort} ${shared.optional}`}
          maxLength={100}
          value={port}
          onChange={(event) => setPort(event.target.value)}
          error={error?.fieldMessage('port')}
        />
      </div>
      {confirming ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{text.departureConfirmQuestion}</strong>
          </p>
          <div className="actions">
            <button type="submit" className="button danger" disabled={running}>
              {running ? shared.saving : text.departureConfirm}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {text.back2}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="button primary" disabled={running}>
            {running ? shared.saving : text.departureSave}
          </button>
        </div>
      )}
    </form>
  );
}

function ArrivalForm({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  const shared = useMessages(common);
  const words = useMessages(placementWords);
  const dates = useDates();
  const [local, setLocal] = useState('');
  const [employer, setEmployer] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [arrive, { running, error }, reset] = useMutation(ARRIVE);
  const departed = placement.stage === 'DEPARTED';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const arrivedAt = localDateTimeToIso(local, dates.timeZone);
    if (!arrivedAt) {
      setInvalid(local ? text.invalidDateTime : words.required);
      setConfirming(false);
      return;
    }
    if (!departed && !confirming) {
      setConfirming(true);
      return;
    }
    const result = await arrive({
      placementId: placement.id,
      version: placement.version,
      arrivedAt,
      employer: employer.trim() ? { name: employer.trim() } : null,
    });
    setConfirming(false);
    if (result) onDone(text.arrivalSaved);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {!departed && (
        <p className="notice notice-warning">
          <strong>{text.arrivalWarning}</strong>
        </p>
      )}
      <ErrorNotice
        error={error}
        onRetry={() => {
          reset();
          onChanged();
        }}
      />
      <div className="form-grid">
        <MomentField
          label={text.arrivedAt}
          value={local}
          onChange={(value) => {
            setLocal(value);
            setInvalid(undefined);
            setConfirming(false);
          }}
          error={invalid ?? momentRefusal(error?.fieldMessage('arrivedAt'), text)}
        />
        <TextField
          label={`${text.arrivalEmployer} ${shared.optional}`}
          maxLength={200}
          value={employer}
          onChange={(event) => setEmployer(event.target.value)}
          error={error?.fieldMessage('employer.name')}
        />
      </div>
      {confirming ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{text.arrivalWarning}</strong>
          </p>
          <div className="actions">
            <button type="submit" className="button danger" disabled={running}>
              {running ? shared.saving : text.arrivalConfirm}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {text.back2}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="button primary" disabled={running}>
            {running ? shared.saving : text.arrivalSave}
          </button>
        </div>
      )}
    </form>
  );
}

function CancelForm({ placement, onDone, onChanged }: ActionProps): ReactNode {
  const text = useMessages(placementDetail);
  const shared = useMessages(common);
  const words = useMessages(placementWords);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [cancel, { running, error }, reset] = useMutation(CANCEL);

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
      <ErrorNotice
        error={error}
        onRetry={() => {
          reset();
          onChanged();
        }}
      />
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
      <div className="actions">
        <button type="submit" className="button danger" disabled={running}>
          {running ? shared.saving : text.cancelSave}
        </button>
      </div>
    </form>
  );
}
