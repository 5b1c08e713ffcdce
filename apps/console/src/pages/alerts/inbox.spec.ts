import type { LiveAlert } from '../../api/live';
import {
  alertSearchParameters,
  applyReceived,
  matchesFilter,
  mergeAlert,
  readAlertSearch,
  toAlertFilter,
  type InboxPage,
} from './inbox';
import { severityRank } from './labels';

function alert(id: string, changes: Partial<LiveAlert> = {}): LiveAlert {
  return {
    id,
    version: 1,
    kind: 'NON_PROCEDURAL_DEPARTURE',
    severity: 'HIGH',
    status: 'OPEN',
    reason: 'Berangkat tanpa tercatat',
    raisedAt: '2026-11-26T06:00:00.000Z',
    escalatedAt: null,
    updatedAt: '2026-11-26T06:00:00.000Z',
    acknowledgedAt: null,
    assignedAt: null,
    resolvedAt: null,
    assignee: null,
    placement: { id: `p-${id}`, destination: 'SA', worker: { id: `w-${id}`, fullName: 'Siti Aminah' } },
    ...changes,
  };
}

function page(alerts: LiveAlert[], totalCount = alerts.length): InboxPage {
  return { alerts, totalCount, fresh: new Set(), waiting: new Set(), changed: new Set() };
}

const unresolved = toAlertFilter(readAlertSearch(new URLSearchParams()), 'u1');

describe('the filters in the URL', () => {
  it('reads known codes, leaves out the rest, and writes them back', () => {
    const filters = readAlertSearch(
      new URLSearchParams('jenis=MISSED_CHECK_IN&tingkat=BOGUS&status=ALL&saya=ya'),
    );
    expect(filters).toEqual({ kind: 'MISSED_CHECK_IN', severity: '', status: 'ALL', mine: true });
    expect(alertSearchParameters(filters)).toEqual({
      jenis: 'MISSED_CHECK_IN',
      tingkat: undefined,
      status: 'ALL',
      saya: 'ya',
    });
    expect(readAlertSearch(new URLSearchParams('status=toString')).status).toBe('');
  });

  it('asks for the unresolved by default, everything with ALL, and "mine" only for a known officer', () => {
    expect(unresolved).toEqual({ status: ['OPEN', 'ACKNOWLEDGED'] });
    const all = readAlertSearch(new URLSearchParams('status=ALL&tingkat=CRITICAL&saya=ya'));
    expect(toAlertFilter(all, 'u1')).toEqual({ severity: ['CRITICAL'], assigneeId: 'u1' });
    expect(toAlertFilter(all, undefined)).toEqual({ severity: ['CRITICAL'] });
    expect(toAlertFilter(readAlertSearch(new URLSearchParams('status=RESOLVED')), 'u1')).toEqual({
      status: ['RESOLVED'],
    });
  });
});

describe('matchesFilter', () => {
  it('checks kind, severity, status and assignee as the API would', () => {
    expect(matchesFilter(alert('a'), {})).toBe(true);
    expect(matchesFilter(alert('a'), unresolved)).toBe(true);
    expect(matchesFilter(alert('a', { status: 'RESOLVED' }), unresolved)).toBe(false);
    expect(matchesFilter(alert('a'), { kind: ['MISSED_CHECK_IN'] })).toBe(false);
    expect(matchesFilter(alert('a'), { severity: ['CRITICAL', 'HIGH'] })).toBe(true);
    expect(matchesFilter(alert('a'), { assigneeId: 'u1' })).toBe(false);
    expect(
      matchesFilter(alert('a', { assignee: { id: 'u1', displayName: 'Rina' } }), { assigneeId: 'u1' }),
    ).toBe(true);
  });
});

describe('mergeAlert', () => {
  it('puts a new matching alert on top of the first page, highlighted and counted', () => {
    const { page: merged, change } = mergeAlert(page([alert('old')], 7), alert('new'), unresolved, true);
    expect(change).toBe('added');
    expect(merged.alerts.map((shown) => shown.id)).toEqual(['new', 'old']);
    expect(merged.totalCount).toBe(8);
    expect([...merged.fresh]).toEqual(['new']);
  });

  it('leaves out a new alert the filters exclude', () => {
    const before = page([alert('old')]);
    const result = mergeAlert(
      before,
      alert('new', { kind: 'CONTRACT_ENDING' }),
      { kind: ['MISSED_CHECK_IN'] },
      true,
    );
    expect(result).toEqual({ page: before, change: 'unchanged' });
  });

  it('counts a new alert as waiting for the first page while a later page is shown', () => {
    const { page: merged, change } = mergeAlert(page([alert('old')]), alert('new'), unresolved, false);
    expect(change).toBe('waiting');
    expect(merged.alerts.map((shown) => shown.id)).toEqual(['old']);
    expect([...merged.waiting]).toEqual(['new']);
    expect(mergeAlert(merged, alert('new'), unresolved, false).page.waiting.size).toBe(1);
  });

  it('counts an alert not shown once however often it changes, and no more once the filters exclude it', () => {
    const first = alert('earlier', {
      severity: 'CRITICAL',
      version: 2,
      escalatedAt: '2026-11-26T08:00:00.000Z',
    });
    const again = alert('earlier', { severity: 'CRITICAL', status: 'ACKNOWLEDGED', version: 3 });
    const once = mergeAlert(page([alert('old')]), first, unresolved, true).page;
    const twice = mergeAlert(once, again, unresolved, true);
    expect(twice.change).toBe('changed');
    expect(twice.page).toBe(once);
    expect(twice.page.changed.size).toBe(1);
    const resolved = alert('earlier', { status: 'RESOLVED', version: 4 });
    expect(mergeAlert(once, resolved, unresolved, true).page.changed.size).toBe(0);
  });

  it('takes an alert changed since it was raised for a change, not a new alert', () => {
    const acknowledged = alert('new', { status: 'ACKNOWLEDGED', version: 2 });
    const { page: merged, change } = mergeAlert(page([]), acknowledged, unresolved, true);
    expect(change).toBe('changed');
    expect(merged.alerts).toEqual([]);
    expect(merged.totalCount).toBe(0);
  });

  it('neither inserts nor counts as new an older alert escalated elsewhere: the list has changed, once', () => {
    const before = page([alert('new-one')], 7);
    const rise = alert('old', { severity: 'CRITICAL', version: 2, escalatedAt: '2026-11-27T01:00:00.000Z' });
    for (const firstPage of [true, false]) {
      const once = mergeAlert(before, rise, unresolved, firstPage);
      expect(once.change).toBe('changed');
      expect(once.page.alerts.map((shown) => shown.id)).toEqual(['new-one']);
      expect(once.page.totalCount).toBe(7);
      expect(once.page.fresh.size).toBe(0);
      expect(once.page.waiting.size).toBe(0);
      expect([...once.page.changed]).toEqual(['old']);
      const twice = mergeAlert(once.page, { ...rise, version: 3 }, unresolved, firstPage);
      expect(twice).toEqual({ page: once.page, change: 'changed' });
    }
  });

  it('refreshes an alert shown in place, telling an escalation from another change', () => {
    const before = page([alert('a'), alert('b', { severity: 'MEDIUM' })]);
    const escalated = mergeAlert(before, alert('b', { severity: 'CRITICAL', version: 2 }), unresolved, true);
    expect(escalated.change).toBe('escalated');
    expect(escalated.page.alerts.map((shown) => [shown.id, shown.severity])).toEqual([
      ['a', 'HIGH'],
      ['b', 'CRITICAL'],
    ]);
    expect(escalated.page.totalCount).toBe(2);
    const acknowledged = mergeAlert(
      before,
      alert('a', { status: 'ACKNOWLEDGED', version: 2 }),
      unresolved,
      true,
    );
    expect(acknowledged.change).toBe('updated');
    expect(acknowledged.page.alerts[0]?.status).toBe('ACKNOWLEDGED');
  });

  it('drops an alert shown that no longer matches, and ignores one older than shown', () => {
    const before = page([alert('a', { version: 3 }), alert('b')], 5);
    const resolved = mergeAlert(before, alert('a', { status: 'RESOLVED', version: 4 }), unresolved, true);
    expect(resolved.change).toBe('removed');
    expect(resolved.page.alerts.map((shown) => shown.id)).toEqual(['b']);
    expect(resolved.page.totalCount).toBe(4);
    expect(mergeAlert(before, alert('a', { status: 'RESOLVED', version: 2 }), unresolved, true)).toEqual({
      page: before,
      change: 'unchanged',
    });
  });
});

describe('applyReceived', () => {
  it('applies only what came after the list was asked for, and announces the last new or escalated live alert', () => {
    const base = page([alert('a', { severity: 'LOW' })]);
    const { page: shown, announce } = applyReceived(
      base,
      [
        { seq: 1, alert: alert('before'), live: true },
        { seq: 2, alert: alert('new'), live: true },
        { seq: 3, alert: alert('a', { severity: 'HIGH', version: 2 }), live: true },
        { seq: 4, alert: alert('new', { status: 'ACKNOWLEDGED', version: 2 }), live: false },
      ],
      1,
      unresolved,
      true,
    );
    expect(shown.alerts.map((row) => [row.id, row.status, row.severity])).toEqual([
      ['new', 'ACKNOWLEDGED', 'HIGH'],
      ['a', 'OPEN', 'HIGH'],
    ]);
    expect(announce).toEqual({ change: 'escalated', alert: alert('a', { severity: 'HIGH', version: 2 }) });
  });

  it('announces an escalated alert not shown as escalated, counting it once for two events', () => {
    const escalated = alert('earlier', {
      severity: 'CRITICAL',
      version: 2,
      escalatedAt: '2026-11-26T08:00:00.000Z',
    });
    const { page: shown, announce } = applyReceived(
      page([alert('a')], 3),
      [
        { seq: 1, alert: escalated, live: true },
        { seq: 2, alert: escalated, live: true },
      ],
      0,
      unresolved,
      true,
    );
    expect(shown.alerts.map((row) => row.id)).toEqual(['a']);
    expect(shown.totalCount).toBe(3);
    expect([...shown.changed]).toEqual(['earlier']);
    expect(announce).toEqual({ change: 'escalated', alert: escalated });
  });

  it('announces nothing for the officer’s own changes', () => {
    const { announce } = applyReceived(
      page([]),
      [{ seq: 1, alert: alert('mine'), live: false }],
      0,
      unresolved,
      true,
    );
    expect(announce).toBeUndefined();
  });
});

describe('severityRank', () => {
  it('orders the severities', () => {
    expect(severityRank('CRITICAL')).toBeGreaterThan(severityRank('HIGH'));
    expect(severityRank('HIGH')).toBeGreaterThan(severityRank('MEDIUM'));
    expect(severityRank('MEDIUM')).toBeGreaterThan(severityRank('LOW'));
  });
});
