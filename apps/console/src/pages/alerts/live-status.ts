import type { LiveState } from '../../api/live';
import type { alertsText } from './messages';

type Key = keyof typeof alertsText.id;

/**
 * What the inbox says about its live connection: `Langsung` only while alerts do arrive by
 * themselves; otherwise that it is (re)connecting, and why it was lost.
 */
export function liveStatusWords(state: Pick<LiveState, 'status' | 'cause'>): {
  label: Key & ('live' | 'connecting' | 'reconnecting');
  detail: (Key & ('causeNetwork' | 'causeUnavailable' | 'causeCredentials')) | undefined;
} {
  if (state.status === 'live') return { label: 'live', detail: undefined };
  if (state.status !== 'reconnecting') return { label: 'connecting', detail: undefined };
  const detail =
    state.cause === 'unavailable'
      ? 'causeUnavailable'
      : state.cause === 'credentials'
        ? 'causeCredentials'
        : 'causeNetwork';
  return { label: 'reconnecting', detail };
}
