import type { LiveAlert } from '../../api/live';
import type { AlertFilter, AlertKind, AlertSeverity, AlertStatus } from '../../gql/graphql';
import { ALERT_KINDS } from '../../labels/alert-kinds';
import { SEVERITIES, STATUSES, severityRank } from './labels';

/**
 * The inbox's filters as they stand in the URL query (`?jenis=MISSED_CHECK_IN&status=OPEN`).
 * No status means those still to be handled (open or acknowledged); `ALL` includes the resolved.
 */
export interface AlertFilterSearch {
  kind: AlertKind | '';
  severity: AlertSeverity | '';
  status: AlertStatus | 'ALL' | '';
  /** Only those assigned to the signed-in officer. */
  mine: boolean;
}

export const FILTER_PARAMETERS: Record<keyof AlertFilterSearch, string> = {
  kind: 'jenis',
  severity: 'tingkat',
  status: 'status',
  mine: 'saya',
};

/** The alert opened in the detail panel, also kept in the URL so a reload reopens it. */
export const SELECTED_PARAMETER = 'peringatan';

const UNRESOLVED: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED'];

function isCode<Code extends string>(names: Record<Code, string>, value: string): value is Code {
  return Object.hasOwn(names, value);
}

/** The filters of a URL query; a value the console cannot use (a hand-edited URL) is left out. */
export function readAlertSearch(search: URLSearchParams): AlertFilterSearch {
  const read = (key: keyof AlertFilterSearch): string => search.get(FILTER_PARAMETERS[key])?.trim() ?? '';
  const kind = read('kind');
  const severity = read('severity');
  const status = read('status');
  return {
    kind: isCode(ALERT_KINDS.id, kind) ? kind : '',
    severity: isCode(SEVERITIES.id, severity) ? severity : '',
    status: status === 'ALL' || isCode(STATUSES.id, status) ? status : '',
    mine: read('mine') === 'ya',
  };
}

/** The query parameters of the filters, an empty one removing its parameter. */
export function alertSearchParameters(filters: AlertFilterSearch): Record<string, string | undefined> {
  return {
    [FILTER_PARAMETERS.kind]: filters.kind || undefined,
    [FILTER_PARAMETERS.severity]: filters.severity || undefined,
    [FILTER_PARAMETERS.status]: filters.status || undefined,
    [FILTER_PARAMETERS.mine]: filters.mine ? 'ya' : undefined,
  };
}

/** The API's filter for those in the URL; `me` is the signed-in officer's id, for "assigned to me". */
export function toAlertFilter(filters: AlertFilterSearch, me: string | undefined): AlertFilter {
  const filter: AlertFilter = {};
  if (filters.kind) filter.kind = [filters.kind];
  if (filters.severity) filter.severity = [filters.severity];
  if (filters.status !== 'ALL') filter.status = filters.status ? [filters.status] : UNRESOLVED;
  if (filters.mine && me) filter.assigneeId = me;
  return filter;
}

/**
 * Whether the API would list this alert under the filter. Jurisdiction needs no check: the live
 * feed brings only alerts the officer may see. Agency, placement and period are not filters the
 * inbox sets, so an alert is not judged on them.
 */
export function matchesFilter(
  alert: Pick<LiveAlert, 'kind' | 'severity' | 'status' | 'assignee'>,
  filter: AlertFilter,
): boolean {
  const among = <Code>(codes: Code[] | null | undefined, code: Code): boolean =>
    !codes || codes.includes(code);
  return (
    among(filter.kind, alert.kind) &&
    among(filter.severity, alert.severity) &&
    among(filter.status, alert.status) &&
    (!filter.assigneeId || alert.assignee?.id === filter.assigneeId)
  );
}

/** One page of the inbox as shown: the API's page with what came live since. */
export interface InboxPage {
  alerts: LiveAlert[];
  totalCount: number;
  /** Alerts that came live onto this page: highlighted until the page is loaded again. */
  fresh: ReadonlySet<string>;
  /** New alerts matching the filters that belong on the first page while another page is shown. */
  waiting: ReadonlySet<string>;
  /**
   * Alerts not shown that changed (escalated, or changed since raised) and match the filters: where
   * they now belong in the list only the API can say, so the page offers to read it again.
   */
  changed: ReadonlySet<string>;
}

/**
 * What a live (or just changed) alert did to the page: `added` at the top, `updated` in place,
 * `escalated` (updated to a higher severity), `removed` (it no longer matches the filters),
 * `waiting` (new, for the first page), `changed` (not shown, not new: the list is out of date), or
 * `unchanged` (not for this page, or older than shown).
 */
export type InboxChange = 'added' | 'updated' | 'escalated' | 'removed' | 'waiting' | 'changed' | 'unchanged';

/**
 * Whether an alert is as it was raised. The live feed also brings escalations, and loads each
 * alert afresh, so one raised long ago (or already changed since) is no new alert.
 */
export function isNewAlert(alert: Pick<LiveAlert, 'version' | 'escalatedAt'>): boolean {
  return alert.version <= 1 && !alert.escalatedAt;
}

function without(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!ids.has(id)) return ids;
  const rest = new Set(ids);
  rest.delete(id);
  return rest;
}

/**
 * Merges one alert into the page shown, honouring the filters. The list is newest first, so a new
 * alert goes on top of the first page; the page then holds one more than it was asked for rather
 * than dropping its last, which the next page (it starts after that one) would not show either.
 * An alert not shown that is not new is not put on top: it was raised earlier, and may belong on
 * any page, so it is only counted (once) as a change to the list.
 */
export function mergeAlert(
  page: InboxPage,
  alert: LiveAlert,
  filter: AlertFilter,
  firstPage: boolean,
): { page: InboxPage; change: InboxChange } {
  const index = page.alerts.findIndex((shown) => shown.id === alert.id);
  const matches = matchesFilter(alert, filter);
  if (index >= 0) {
    const shown = page.alerts[index];
    if (!shown || shown.version > alert.version) return { page, change: 'unchanged' };
    if (!matches) {
      return {
        page: {
          ...page,
          alerts: page.alerts.filter((other) => other.id !== alert.id),
          totalCount: Math.max(0, page.totalCount - 1),
          fresh: without(page.fresh, alert.id),
        },
        change: 'removed',
      };
    }
    const alerts = page.alerts.map((other) => (other.id === alert.id ? alert : other));
    const escalated = severityRank(alert.severity) > severityRank(shown.severity);
    return { page: { ...page, alerts }, change: escalated ? 'escalated' : 'updated' };
  }
  if (!matches) {
    // Counted while it matched, it would not be found on reading the list again.
    const waiting = without(page.waiting, alert.id);
    const changed = without(page.changed, alert.id);
    if (waiting === page.waiting && changed === page.changed) return { page, change: 'unchanged' };
    return { page: { ...page, waiting, changed }, change: 'unchanged' };
  }
  if (!isNewAlert(alert)) {
    // Counted once however often it changes; one waiting as new on the first page stays counted there.
    const counted = page.waiting.has(alert.id) || page.changed.has(alert.id);
    return {
      page: counted ? page : { ...page, changed: new Set(page.changed).add(alert.id) },
      change: 'changed',
    };
  }
  if (!firstPage) {
    if (page.waiting.has(alert.id)) return { page, change: 'waiting' };
    return { page: { ...page, waiting: new Set(page.waiting).add(alert.id) }, change: 'waiting' };
  }
  return {
    page: {
      ...page,
      alerts: [alert, ...page.alerts],
      totalCount: page.totalCount + 1,
      fresh: new Set(page.fresh).add(alert.id),
    },
    change: 'added',
  };
}

/** An alert the page learnt of after loading a list: from the live feed, or from the officer's own change. */
export interface ReceivedAlert {
  /** In order of arrival. */
  seq: number;
  alert: LiveAlert;
  /** From the live feed (announced when new or escalated), not the officer's own change. */
  live: boolean;
}

/**
 * The page as shown: the API's page with each alert received after it was asked for (`since`),
 * in order, and the last live one that is worth announcing (new here, or escalated, shown or not).
 */
export function applyReceived(
  base: InboxPage,
  received: readonly ReceivedAlert[],
  since: number,
  filter: AlertFilter,
  firstPage: boolean,
): { page: InboxPage; announce: { change: 'added' | 'escalated'; alert: LiveAlert } | undefined } {
  let page = base;
  let announce: { change: 'added' | 'escalated'; alert: LiveAlert } | undefined;
  for (const entry of received) {
    if (entry.seq <= since) continue;
    const merged = mergeAlert(page, entry.alert, filter, firstPage);
    page = merged.page;
    if (!entry.live) continue;
    if (merged.change === 'added' || merged.change === 'escalated') {
      announce = { change: merged.change, alert: entry.alert };
    } else if (merged.change === 'changed' && entry.alert.escalatedAt) {
      // Not on the page, but the feed brought it for its escalation: it is announced as such, not as new.
      announce = { change: 'escalated', alert: entry.alert };
    }
  }
  return { page, announce };
}
