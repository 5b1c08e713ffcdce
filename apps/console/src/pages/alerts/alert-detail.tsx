import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useSession } from '../../api/client';
import type { LiveAlert } from '../../api/live';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { ALERT_KINDS } from '../../labels/alert-kinds';
import { Link } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { TextAreaField } from '../../ui/field';
import { common } from '../../ui/messages';
import '../../ui/panel-head.css';
import {
  CHANNELS,
  DELIVERY_STATUSES,
  SEVERITIES,
  STATUSES,
  deliveryBadge,
  severityBadge,
  statusBadge,
} from './labels';
import { detailText } from './messages';
import { AssignToColleague } from './assign-colleague';
import { NOTE_MAX_LENGTH, canHandleAlerts, noteProblem } from './handling';

const ALERT = graphql(`
  query AlertsPageAlert($id: ID!) {
    alert(id: $id) {
      ...LiveAlertFields
      createdAt
      acknowledgedBy {
        id
        displayName
      }
      resolvedBy {
        id
        displayName
      }
      resolutionNote
      subjectAlertId
      recipients {
        agency {
          id
          name
        }
        reason
      }
      deliveries {
        id
        agency {
          id
          name
        }
        channel
        severity
        status
        attempts
        lastError
        deliveredAt
      }
    }
  }
`);

const ACKNOWLEDGE = graphql(`
  mutation AlertsPageAcknowledge($id: ID!, $version: Int) {
    acknowledgeAlert(id: $id, version: $version) {
      ...LiveAlertFields
    }
  }
`);

const ASSIGN = graphql(`
  mutation AlertsPageAssign($id: ID!, $userId: ID!, $version: Int) {
    assignAlert(id: $id, userId: $userId, version: $version) {
      ...LiveAlertFields
    }
  }
`);

const RESOLVE = graphql(`
  mutation AlertsPageResolve($id: ID!, $note: String!, $version: Int) {
    resolveAlert(id: $id, note: $note, version: $version) {
      ...LiveAlertFields
    }
  }
`);

/**
 * One alert: what it is about, who handles it, where it was delivered, and the officer's handling
 * (acknowledge, assign to oneself, resolve with a note). Each change sends the version read, so a
 * change made meanwhile by a colleague or by Lintas is refused (CONFLICT) rather than overwritten.
 */
export function AlertDetail({
  id,
  liveVersion,
  onChanged,
  onClose,
}: {
  id: string;
  /** The newest version of this alert seen live or in the list: a newer one than shown is read again. */
  liveVersion: number | undefined;
  onChanged: (alert: LiveAlert) => void;
  onClose: () => void;
}): ReactNode {
  const text = useMessages(detailText);
  const words = useMessages(common);
  const locale = useLocale();
  const { dateTime } = useDates();
  const session = useSession();
  const { data, error, loading, reload } = useQuery(ALERT, { id });
  const [acknowledge, acknowledging, resetAcknowledge] = useMutation(ACKNOWLEDGE);
  const [assign, assigning, resetAssign] = useMutation(ASSIGN);
  const [resolve, resolving, resetResolve] = useMutation(RESOLVE);
  const [note, setNote] = useState('');
  const [noteTouched, setNoteTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening an alert takes the officer to it, so a keyboard or screen reader user lands on it.
  useEffect(() => heading.current?.focus(), [id]);

  // What a change answered is shown at once, its version sent with the next change, while the
  // details (deliveries, who acknowledged) are read again.
  const [answered, setAnswered] = useState<LiveAlert>();
  const alert = data?.alert && answered ? newer(data.alert, answered) : data?.alert;
  const shownVersion = alert?.version;
  useEffect(() => {
    if (liveVersion !== undefined && shownVersion !== undefined && liveVersion > shownVersion) reload();
  }, [liveVersion, shownVersion, reload]);

  const running = acknowledging.running || assigning.running || resolving.running;
  const refusal = acknowledging.error ?? assigning.error ?? resolving.error;
  const resetAll = (): void => {
    resetAcknowledge();
    resetAssign();
    resetResolve();
    setSaved(false);
  };
  const changed = (result: LiveAlert | undefined): void => {
    if (!result) return;
    setSaved(true);
    setAnswered(result);
    onChanged(result);
    reload();
    // The button pressed may be gone (a resolved alert has no actions): the officer's place is kept
    // at the alert's heading. The "saved" status is read out from a live region outside the actions,
    // there from the start, since one added together with its words is not reliably read out.
    heading.current?.focus();
  };
  const reloadAfterConflict = (): void => {
    resetAll();
    reload();
  };

  const principal = session?.principal;
  const handler = canHandleAlerts(principal);
  const problem = noteTouched ? noteProblem(note) : undefined;
  const noteError = (problem && text[problem]) ?? resolving.error?.fieldMessage('note');

  const submitResolution = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setNoteTouched(true);
    if (!alert || noteProblem(note)) return;
    resetAll();
    const result = await resolve({ id: alert.id, note: note.trim(), version: alert.version });
    if (result) {
      setNote('');
      setNoteTouched(false);
    }
    changed(result?.resolveAlert);
  };

  const kind = alert ? ALERT_KINDS[locale][alert.kind] : text.title;
  return (
    <section className="card alert-detail" aria-labelledby="alert-detail-title">
      <div className="panel-head alert-detail-heading">
        <h2 id="alert-detail-title" ref={heading} tabIndex={-1}>
          {alert ? kind : text.title}
        </h2>
        <button type="button" className="button secondary" onClick={onClose}>
          {text.close}
        </button>
      </div>
      {loading && !alert && <p className="muted">{words.loading}</p>}
      <ErrorNotice error={error} onRetry={reload} />
      {data && !alert && <p className="notice notice-warning">{text.notFound}</p>}
      {alert && (
        <>
          <p className="alert-badges">
            <span className={severityBadge(alert.severity)}>{SEVERITIES[locale][alert.severity]}</span>{' '}
            <span className={statusBadge(alert.status)}>{STATUSES[locale][alert.status]}</span>
          </p>
          <dl className="alert-facts">
            <dt>{text.reason}</dt>
            <dd>{alert.reason}</dd>
            <dt>{text.raisedAt}</dt>
            <dd>{dateTime(alert.raisedAt)}</dd>
            {alert.escalatedAt && (
              <>
                <dt>{text.escalatedAt}</dt>
                <dd>{dateTime(alert.escalatedAt)}</dd>
              </>
            )}
            {alert.placement && (
              <>
                <dt>{text.worker}</dt>
                <dd>
                  {alert.placement.worker?.fullName ?? text.none}{' '}
                  <Link to={`/penempatan/${alert.placement.id}`}>
                    {fill(text.placement, { destination: alert.placement.destination })}
                  </Link>
                </dd>
              </>
            )}
            {alert.subjectAlertId && (
              <>
                <dt>{text.subjectAlert}</dt>
                <dd>
                  <Link to={`/peringatan?status=ALL&peringatan=${encodeURIComponent(alert.subjectAlertId)}`}>
                    {alert.subjectAlertId}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          <ul className="alert-history">
            {alert.acknowledgedAt && alert.acknowledgedBy && (
              <li>
                {fill(text.acknowledged, {
                  name: alert.acknowledgedBy.displayName,
                  time: dateTime(alert.acknowledgedAt),
                })}
              </li>
            )}
            {alert.assignedAt && alert.assignee && (
              <li>
                {fill(text.assigned, { name: alert.assignee.displayName, time: dateTime(alert.assignedAt) })}
              </li>
            )}
            {alert.resolvedAt && (
              <li>
                {alert.resolvedBy
                  ? fill(text.resolved, {
                      name: alert.resolvedBy.displayName,
                      time: dateTime(alert.resolvedAt),
                    })
                  : fill(text.resolvedByLintas, { time: dateTime(alert.resolvedAt) })}
              </li>
            )}
          </ul>
          {alert.resolutionNote && (
            <>
              <h3>{text.resolutionNote}</h3>
              <p className="alert-note">{alert.resolutionNote}</p>
            </>
          )}

          <div role="status">{saved && !refusal && <p className="notice notice-ok">{text.done}</p>}</div>
          {alert.status !== 'RESOLVED' && (
            <section aria-labelledby="alert-actions-title">
              <h3 id="alert-actions-title">{text.actions}</h3>
              {!handler ? (
                <p className="muted">{text.readOnly}</p>
              ) : (
                <>
                  {refusal?.code === 'CONFLICT' ? (
                    <ErrorNotice error={refusal}>
                      <button type="button" className="button secondary" onClick={reloadAfterConflict}>
                        {text.reloadAlert}
                      </button>
                    </ErrorNotice>
                  ) : (
                    <ErrorNotice error={refusal} />
                  )}
                  <div className="actions">
                    {alert.status === 'OPEN' && (
                      <button
                        type="button"
                        className="button primary"
                        disabled={running}
                        onClick={() => {
                          resetAll();
                          void acknowledge({ id: alert.id, version: alert.version }).then((result) =>
                            changed(result?.acknowledgeAlert),
                          );
                        }}
                      >
                        {text.acknowledge}
                      </button>
                    )}
                    {principal && alert.assignee?.id !== principal.id && (
                      <button
                        type="button"
                        className="button secondary"
                        disabled={running}
                        aria-describedby="alert-assign-hint"
                        onClick={() => {
                          resetAll();
                          void assign({ id: alert.id, userId: principal.id, version: alert.version }).then(
                            (result) => changed(result?.assignAlert),
                          );
                        }}
                      >
                        {text.assignToMe}
                      </button>
                    )}
                  </div>
                  {principal && (
                    <AssignToColleague
                      selfId={principal.id}
                      assigneeId={alert.assignee?.id}
                      running={running}
                      onAssign={async (userId) => {
                        resetAll();
                        const result = await assign({ id: alert.id, userId, version: alert.version });
                        changed(result?.assignAlert);
                        return result !== undefined;
                      }}
                    />
                  )}
                  {principal && alert.assignee?.id === principal.id ? (
                    <p className="muted">{text.assignedToYou}</p>
                  ) : (
                    <p id="alert-assign-hint" className="field-hint">
                      {text.assignHint}
                    </p>
                  )}
                  <form
                    className="alert-resolve"
                    onSubmit={(event) => void submitResolution(event)}
                    noValidate
                  >
                    <TextAreaField
                      label={text.note}
                      hint={text.noteHint}
                      error={noteError}
                      name="note"
                      rows={3}
                      maxLength={NOTE_MAX_LENGTH}
                      required
                      value={note}
                      onChange={(event) => setNote(event.target.value)}
                      onBlur={() => setNoteTouched(note !== '')}
                    />
                    <button type="submit" className="button primary" disabled={running}>
                      {resolving.running ? words.saving : text.resolve}
                    </button>
                  </form>
                </>
              )}
            </section>
          )}

          <h3>{text.recipients}</h3>
          <ul className="alert-recipients">
            {alert.recipients.map((recipient) => (
              <li key={recipient.agency.id}>
                <strong>{recipient.agency.name}</strong> <span className="muted">— {recipient.reason}</span>
              </li>
            ))}
          </ul>

          <h3 id="alert-deliveries-title">{text.deliveries}</h3>
          {alert.deliveries.length === 0 ? (
            <p className="muted">{text.noDeliveries}</p>
          ) : (
            <div className="table-wrap">
              <table className="alert-deliveries" aria-labelledby="alert-deliveries-title">
                <thead>
                  <tr>
                    <th scope="col">{text.agency}</th>
                    <th scope="col">{text.channel}</th>
                    <th scope="col">{text.severity}</th>
                    <th scope="col">{text.deliveryStatus}</th>
                    <th scope="col">{text.attempts}</th>
                    <th scope="col">{text.lastError}</th>
                    <th scope="col">{text.deliveredAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {alert.deliveries.map((delivery) => (
                    <tr key={delivery.id}>
                      <td>{delivery.agency.name}</td>
                      <td>{CHANNELS[locale][delivery.channel]}</td>
                      <td>{SEVERITIES[locale][delivery.severity]}</td>
                      <td>
                        <span className={deliveryBadge(delivery.status)}>
                          {DELIVERY_STATUSES[locale][delivery.status]}
                        </span>
                      </td>
                      <td>{delivery.attempts}</td>
                      <td className="alert-error">{delivery.lastError ?? text.none}</td>
                      <td>{delivery.deliveredAt ? dateTime(delivery.deliveredAt) : text.none}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The alert as read, with the fields of a newer answer to a change laid over it. */
function newer<Detail extends LiveAlert>(read: Detail, answered: LiveAlert): Detail {
  return answered.id === read.id && answered.version > read.version ? { ...read, ...answered } : read;
}
