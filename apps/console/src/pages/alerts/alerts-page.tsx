import { useCallback, useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { useQuery, useSession } from '../../api/client';
import { useLiveAlerts, type LiveAlert, type LiveState } from '../../api/live';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { AlertFilter, AlertsPageAlertsQuery } from '../../gql/graphql';
import { fill, useLocale, useMessages, type Locale } from '../../i18n/locale';
import { Link, setSearch, useLocation } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { CodeSelect } from '../../ui/code-select';
import { common } from '../../ui/messages';
import { Pager, usePages } from '../../ui/pager';
import { AlertDetail } from './alert-detail';
import {
  FILTER_PARAMETERS,
  SELECTED_PARAMETER,
  alertSearchParameters,
  applyReceived,
  readAlertSearch,
  toAlertFilter,
  type AlertFilterSearch,
  type InboxPage,
  type ReceivedAlert,
} from './inbox';
import { ALERT_KINDS } from '../../labels/alert-kinds';
import { SEVERITIES, SEVERITY_ORDER, STATUSES, severityBadge, statusBadge } from './labels';
import { liveStatusWords } from './live-status';
import { alertsText } from './messages';
import './alerts.css';

const ALERTS = graphql(`
  query AlertsPageAlerts($first: Int, $after: String, $filter: AlertFilter) {
    alerts(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          ...LiveAlertFields
        }
      }
    }
  }
`);

const PAGE_SIZE = 20;
/** Alerts kept from the live feed while the page is open: far more than a shift brings. */
const RECEIVED_KEPT = 500;

/**
 * Peringatan: the officer's inbox, where officers land after login. The alerts of the jurisdiction,
 * newest first, filtered in the URL, kept up to date by the live connection; one alert opened
 * beside the list to be acknowledged, assigned or resolved.
 */
export default function AlertsPage(): ReactNode {
  const text = useMessages(alertsText);
  const { search } = useLocation();
  const session = useSession();
  const me = session?.principal.kind === 'user' ? session.principal.id : undefined;
  const filters = readAlertSearch(search);
  const filter = toAlertFilter(filters, me);
  const selected = search.get(SELECTED_PARAMETER) || undefined;

  const [received, setReceived] = useState<ReceivedAlert[]>([]);
  const seq = useRef(0);
  const receive = useCallback((alert: LiveAlert, live: boolean) => {
    seq.current += 1;
    const entry = { seq: seq.current, alert, live };
    setReceived((previous) => [...previous.slice(-(RECEIVED_KEPT - 1)), entry]);
  }, []);
  const liveState = useLiveAlerts((alert) => receive(alert, true));

  const newestVersion = selected
    ? received.reduce<number | undefined>(
        (newest, entry) =>
          entry.alert.id === selected && entry.alert.version > (newest ?? -1) ? entry.alert.version : newest,
        undefined,
      )
    : undefined;

  const close = (): void => {
    setSearch({ [SELECTED_PARAMETER]: undefined });
    // Back to the alert in the list; to the page when a change took it off the list.
    const link = selected ? document.getElementById(linkId(selected)) : null;
    (link ?? document.getElementById('content'))?.focus();
  };

  return (
    <>
      <div className="alerts-heading">
        <h1>{text.title}</h1>
        <LiveStatus state={liveState} />
      </div>
      <p className="muted">{text.intro}</p>
      <Filters filters={filters} canFilterMine={me !== undefined} />
      <div className={selected ? 'alerts-layout alerts-layout-open' : 'alerts-layout'}>
        <Inbox
          key={JSON.stringify(filter)}
          filter={filter}
          received={received}
          lastSeq={seq}
          liveState={liveState}
          selected={selected}
        />
        {selected && (
          <AlertDetail
            key={selected}
            id={selected}
            liveVersion={newestVersion}
            onChanged={(alert) => receive(alert, false)}
            onClose={close}
          />
        )}
      </div>
    </>
  );
}

function LiveStatus({ state }: { state: LiveState }): ReactNode {
  const text = useMessages(alertsText);
  const { label, detail } = liveStatusWords(state);
  return (
    <div className={`live-status live-status-${label}`} role="status" aria-label={text.liveLabel}>
      <span className="live-dot" aria-hidden="true" />
      <strong>{text[label]}</strong>
      {label === 'live' && <span className="visually-hidden"> — {text.liveHint}</span>}
      {detail && <span className="live-detail">{text[detail]}</span>}
    </div>
  );
}

function Filters({
  filters,
  canFilterMine,
}: {
  filters: AlertFilterSearch;
  canFilterMine: boolean;
}): ReactNode {
  const text = useMessages(alertsText);
  const change = (next: Partial<AlertFilterSearch>): void =>
    setSearch({ ...alertSearchParameters({ ...filters, ...next }), [SELECTED_PARAMETER]: undefined });
  return (
    <form
      className="filters card alerts-filters"
      aria-label={text.filters}
      onSubmit={(event) => event.preventDefault()}
    >
      <CodeSelect
        label={text.kind}
        value={filters.kind}
        onChange={(event) => change({ kind: readAlertSearch(params('kind', event.target.value)).kind })}
        noneText={text.allKinds}
        names={ALERT_KINDS}
      />
      <CodeSelect
        label={text.severity}
        value={filters.severity}
        onChange={(event) =>
          change({ severity: readAlertSearch(params('severity', event.target.value)).severity })
        }
        noneText={text.allSeverities}
        codes={SEVERITY_ORDER}
        names={SEVERITIES}
      />
      <CodeSelect
        label={text.status}
        value={filters.status}
        onChange={(event) => change({ status: readAlertSearch(params('status', event.target.value)).status })}
        noneText={text.unresolved}
        names={STATUSES}
      >
        <option value="ALL">{text.allStatuses}</option>
      </CodeSelect>
      {canFilterMine && (
        <div className="field alerts-mine">
          <label>
            <input
              type="checkbox"
              checked={filters.mine}
              onChange={(event) => change({ mine: event.target.checked })}
            />{' '}
            {text.mine}
          </label>
        </div>
      )}
    </form>
  );
}

function Inbox({
  filter,
  received,
  lastSeq,
  liveState,
  selected,
}: {
  filter: AlertFilter;
  received: ReceivedAlert[];
  lastSeq: { current: number };
  liveState: LiveState;
  selected: string | undefined;
}): ReactNode {
  const text = useMessages(alertsText);
  const words = useMessages(common);
  const locale = useLocale();
  const pages = usePages();
  const { data, error, loading, reload } = useQuery(ALERTS, { first: PAGE_SIZE, after: pages.after, filter });
  // What arrived before the page last asked for its list is in the list already (or not for it).
  const [since, setSince] = useState(() => lastSeq.current);
  // The same list read again counts from when it was asked only once its answer is here: until then
  // the old answer is shown and needs what arrives meanwhile, and still does if the read fails.
  const [rereading, setRereading] = useState<{ since: number; shown: AlertsPageAlertsQuery }>();
  if (rereading && data && data !== rereading.shown) {
    setSince(rereading.since);
    setRereading(undefined);
  }
  const ask = (then: () => void): void => {
    setSince(lastSeq.current);
    setRereading(undefined);
    then();
  };
  const reread = (): void => {
    // With no list shown yet, nothing is merged meanwhile: the first answer counts from its asking.
    if (data) setRereading({ since: lastSeq.current, shown: data });
    else setSince(lastSeq.current);
    reload();
  };

  // Alerts raised while the connection was down never come live: the list is read again once it is back.
  const wasLive = useRef(false);
  const connections = useRef(liveState.connections);
  const rereadOnReconnect = useEffectEvent(reread);
  useEffect(() => {
    if (liveState.connections > connections.current && wasLive.current) rereadOnReconnect();
    connections.current = liveState.connections;
    if (liveState.status === 'live') wasLive.current = true;
  }, [liveState.connections, liveState.status]);

  if (!data) {
    return (
      <div className="alerts-list">
        {loading && <p className="muted">{words.loading}</p>}
        <ErrorNotice error={error} onRetry={reload} />
      </div>
    );
  }

  const base: InboxPage = {
    alerts: data.alerts.edges.map((edge) => edge.node),
    totalCount: data.alerts.totalCount,
    fresh: new Set(),
    waiting: new Set(),
    changed: new Set(),
  };
  const { page: inbox, announce } = applyReceived(base, received, since, filter, !pages.hasPrevious);

  return (
    <div className="alerts-list">
      <p className="visually-hidden" aria-live="polite">
        {announce && describe(announce, text, locale)}
      </p>
      <ErrorNotice error={error} onRetry={reload} />
      {inbox.waiting.size > 0 && (
        <div className="notice" role="status">
          <p>{fill(text.waiting, { count: inbox.waiting.size })}</p>
          <button type="button" className="button secondary" onClick={() => ask(pages.reset)}>
            {text.toFirstPage}
          </button>
        </div>
      )}
      {inbox.changed.size > 0 && (
        <div className="notice" role="status">
          <p>{fill(text.changed, { count: inbox.changed.size })}</p>
          <button type="button" className="button secondary" onClick={reread}>
            {text.reloadList}
          </button>
        </div>
      )}
      {inbox.alerts.length === 0 ? (
        <p className="card muted">{text.empty}</p>
      ) : (
        <ol className="alert-cards" aria-label={text.list} aria-busy={loading}>
          {inbox.alerts.map((alert) => (
            <li key={alert.id}>
              <AlertCard alert={alert} fresh={inbox.fresh.has(alert.id)} selected={alert.id === selected} />
            </li>
          ))}
        </ol>
      )}
      <Pager
        pageInfo={data.alerts.pageInfo}
        totalCount={inbox.totalCount}
        pages={{
          ...pages,
          next: (cursor) => ask(() => pages.next(cursor)),
          previous: () => ask(pages.previous),
        }}
        loading={loading}
      />
    </div>
  );
}

function AlertCard({
  alert,
  fresh,
  selected,
}: {
  alert: LiveAlert;
  fresh: boolean;
  selected: boolean;
}): ReactNode {
  const text = useMessages(alertsText);
  const locale = useLocale();
  const { dateTime } = useDates();
  const { search } = useLocation();
  const kind = ALERT_KINDS[locale][alert.kind];
  const worker = alert.placement?.worker?.fullName ?? text.noPlacement;
  const open = new URLSearchParams(search);
  open.set(SELECTED_PARAMETER, alert.id);
  const classes = [
    'card',
    'alert-card',
    fresh ? 'alert-card-fresh' : '',
    selected ? 'alert-card-selected' : '',
  ];
  return (
    <article
      className={classes.filter(Boolean).join(' ')}
      aria-label={fill(text.alertName, { kind, worker })}
    >
      <h2 className="alert-card-title">
        <Link
          id={linkId(alert.id)}
          to={`/peringatan?${open.toString()}`}
          aria-current={selected || undefined}
        >
          {kind}
        </Link>
      </h2>
      <p className="alert-badges">
        {fresh && <span className="badge alert-badge-fresh">{text.fresh}</span>}{' '}
        <span className={severityBadge(alert.severity)}>
          <span className="visually-hidden">{text.severity}: </span>
          {SEVERITIES[locale][alert.severity]}
        </span>{' '}
        <span className={statusBadge(alert.status)}>
          <span className="visually-hidden">{text.status}: </span>
          {STATUSES[locale][alert.status]}
        </span>
      </p>
      <p className="alert-reason">{alert.reason}</p>
      <dl className="alert-meta">
        {alert.placement && (
          <div>
            <dt>{text.worker}</dt>
            <dd>
              <Link to={`/penempatan/${alert.placement.id}`}>
                {alert.placement.worker?.fullName ?? text.placement}
              </Link>{' '}
              <span className="muted">({alert.placement.destination})</span>
            </dd>
          </div>
        )}
        <div>
          <dt>{text.raisedAt}</dt>
          <dd>{dateTime(alert.raisedAt)}</dd>
        </div>
        {alert.escalatedAt && (
          <div>
            <dt>{text.escalatedAt}</dt>
            <dd>{dateTime(alert.escalatedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{text.assignee}</dt>
          <dd>{alert.assignee?.displayName ?? <span className="muted">{text.unassigned}</span>}</dd>
        </div>
      </dl>
    </article>
  );
}

function describe(
  { change, alert }: { change: 'added' | 'escalated'; alert: LiveAlert },
  text: Record<keyof typeof alertsText.id, string>,
  locale: Locale,
): string {
  const values = {
    kind: ALERT_KINDS[locale][alert.kind],
    worker: alert.placement?.worker?.fullName ?? text.noPlacement,
    severity: SEVERITIES[locale][alert.severity],
  };
  return fill(change === 'escalated' ? text.announceEscalated : text.announceNew, values);
}

function linkId(alertId: string): string {
  return `alert-link-${alertId}`;
}

/** One filter's value as chosen, checked as one read from the URL. */
function params(key: keyof AlertFilterSearch, value: string): URLSearchParams {
  return new URLSearchParams({ [FILTER_PARAMETERS[key]]: value });
}
