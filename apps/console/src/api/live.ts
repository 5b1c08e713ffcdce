import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createClient, type Client } from 'graphql-ws';
import { graphql } from '../gql';
import type { LiveAlertFieldsFragment } from '../gql/graphql';
import { sessionStore } from './session-store';
import { GRAPHQL_PATH } from './transport';

// An alert as the live feed brings it; the alerts inbox lists the same fields, so a live alert
// takes the place of the one shown.
graphql(`
  fragment LiveAlertFields on Alert {
    id
    version
    kind
    severity
    status
    reason
    raisedAt
    escalatedAt
    updatedAt
    acknowledgedAt
    assignedAt
    resolvedAt
    assignee {
      id
      displayName
    }
    placement {
      id
      destination
      worker {
        id
        fullName
      }
    }
  }
`);

const LIVE_ALERT_RAISED = graphql(`
  subscription LiveAlertRaised {
    alertRaised {
      ...LiveAlertFields
    }
  }
`);

export type LiveAlert = LiveAlertFieldsFragment;

/**
 * Whether the live connection is up. `connecting` before the first connection, `reconnecting`
 * after one was lost (the inbox may be missing alerts until it is back), `idle` when nobody listens.
 */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

/** Why the connection was lost: the link, the API's database (4503), or the officer's credentials (4401/4403). */
export type LiveCause = 'network' | 'unavailable' | 'credentials';

export interface LiveState {
  status: LiveStatus;
  cause: LiveCause | undefined;
  /** Connections made so far: past the first, each one follows a gap in which alerts may have been missed. */
  connections: number;
  /** The session was already refreshed once for refused credentials since the last connection. */
  refreshed: boolean;
}

/** What to do about a closed connection. */
export type CloseAction = 'none' | 'retry' | 'refresh' | 'sign-out';

export type LiveEvent =
  | { type: 'connecting'; retry: boolean }
  | { type: 'connected' }
  | { type: 'closed'; code: number | undefined }
  | { type: 'stopped' };

export const INITIAL_LIVE_STATE: LiveState = {
  status: 'idle',
  cause: undefined,
  connections: 0,
  refreshed: false,
};

const NORMAL_CLOSURE = 1000;
const UNAUTHORIZED = 4401;
const FORBIDDEN = 4403;
/** The API's own code: the database is away, so credentials could not be checked; worth waiting out. */
const SERVICE_UNAVAILABLE = 4503;

/**
 * The next connection state, and what to do about a close: refused credentials are refreshed once,
 * then the officer is signed out; anything else is retried.
 */
export function nextLiveState(state: LiveState, event: LiveEvent): { state: LiveState; action: CloseAction } {
  switch (event.type) {
    case 'connecting':
      return {
        state: { ...state, status: event.retry ? 'reconnecting' : 'connecting' },
        action: 'none',
      };
    case 'connected':
      return {
        state: { status: 'live', cause: undefined, connections: state.connections + 1, refreshed: false },
        action: 'none',
      };
    case 'stopped':
      return { state: INITIAL_LIVE_STATE, action: 'none' };
    case 'closed': {
      if (event.code === NORMAL_CLOSURE) return { state: { ...state, status: 'idle' }, action: 'none' };
      if (event.code === UNAUTHORIZED || event.code === FORBIDDEN) {
        if (state.refreshed) return { state: INITIAL_LIVE_STATE, action: 'sign-out' };
        return {
          state: { ...state, status: 'reconnecting', cause: 'credentials', refreshed: true },
          action: 'refresh',
        };
      }
      const cause: LiveCause = event.code === SERVICE_UNAVAILABLE ? 'unavailable' : 'network';
      return { state: { ...state, status: 'reconnecting', cause }, action: 'retry' };
    }
  }
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * How long to wait before the next try: 1, 2, 4, 8, 16, then 30 seconds, plus up to a second at
 * random so that officers cut off together do not all come back in the same instant.
 */
export function retryDelayMs(retries: number, random: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** retries) + Math.floor(random * 1000);
}

/** The WebSocket address of the API: the same host as the console, `wss:` when the page is `https:`. */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${GRAPHQL_PATH}`;
}

const LAZY_CLOSE_MS = 15_000;
/** A ping sent every this often shows a socket that died without closing (a phone changing networks)… */
const KEEP_ALIVE_MS = 20_000;
/** …when its pong does not come back within this. */
const PONG_TIMEOUT_MS = 10_000;

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}

/** Resolves after `ms`, or as soon as the browser says it is back online. */
function waitOrOnline(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

/**
 * The officer's one live connection (graphql-ws over `/graphql`), shared by every listener. It
 * opens when the first listener comes, closes when the last one leaves or the officer signs out,
 * and is retried without end while the page is open: a case handler on call must not be left
 * with an inbox that stopped silently.
 */
class LiveConnection {
  private client: Client | undefined;
  private state: LiveState = INITIAL_LIVE_STATE;
  private lastAction: CloseAction = 'none';
  private refreshing: Promise<unknown> | undefined;
  private readonly stateListeners = new Set<() => void>();

  constructor() {
    sessionStore.subscribe(() => {
      if (!sessionStore.current()) this.stop();
    });
  }

  current(): LiveState {
    return this.state;
  }

  onState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Hands each alert raised or escalated in the officer's jurisdiction to `onAlert` until the
   * returned function is called. A subscription the API ends (or refuses) is started again.
   */
  alerts(onAlert: (alert: LiveAlert) => void): () => void {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    const start = (): void => {
      const client = this.connect();
      if (!client || stopped) return;
      unsubscribe = client.subscribe<{ alertRaised: LiveAlert }>(
        { query: LIVE_ALERT_RAISED.toString() },
        {
          next: (result) => {
            attempts = 0;
            if (result.data) onAlert(result.data.alertRaised);
          },
          error: () => again(),
          complete: () => again(),
        },
      );
    };
    const again = (): void => {
      if (stopped || !sessionStore.current()) return;
      timer = setTimeout(
        () => void Promise.resolve(this.refreshing).finally(start),
        retryDelayMs(attempts++, Math.random()),
      );
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }

  private connect(): Client | undefined {
    if (!sessionStore.current()) return undefined;
    this.client ??= this.create();
    return this.client;
  }

  private create(): Client {
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    const client: Client = createClient({
      url: liveUrl(window.location),
      lazy: true,
      // Kept a little after the inbox is left, so going to a placement and back does not reconnect.
      lazyCloseTimeout: LAZY_CLOSE_MS,
      connectionParams: async () => {
        const token = await sessionStore.accessToken();
        return { authorization: `Bearer ${token ?? ''}` };
      },
      keepAlive: KEEP_ALIVE_MS,
      retryAttempts: Infinity,
      // A close was judged when it happened (on.closed runs first); an error without a close
      // (the network, a refresh that could not reach the API) is retried.
      shouldRetry: (errorOrClose) =>
        !isCloseEvent(errorOrClose) || this.lastAction === 'retry' || this.lastAction === 'refresh',
      retryWait: async (retries) => {
        await this.refreshing;
        await waitOrOnline(retryDelayMs(retries, Math.random()));
      },
      on: {
        connecting: (retry) => this.apply(client, { type: 'connecting', retry }),
        connected: () => this.apply(client, { type: 'connected' }),
        closed: (event) => {
          clearTimeout(pongTimer);
          this.apply(client, { type: 'closed', code: isCloseEvent(event) ? event.code : undefined });
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });
    return client;
  }

  /** Follows what the connection does; a client already let go of (signed out) no longer counts. */
  private apply(client: Client, event: LiveEvent): void {
    if (client !== this.client) return;
    const { state, action } = nextLiveState(this.state, event);
    this.lastAction = action;
    this.setState(state);
    if (action === 'refresh') {
      // A refusal ends the session inside refresh(); a network failure keeps it for the next try.
      this.refreshing = sessionStore
        .refresh()
        .catch(() => undefined)
        .finally(() => {
          this.refreshing = undefined;
        });
    } else if (action === 'sign-out') {
      sessionStore.signOut('expired');
    }
  }

  private stop(): void {
    const client = this.client;
    this.client = undefined;
    if (client) void client.dispose();
    this.lastAction = 'none';
    this.setState(nextLiveState(this.state, { type: 'stopped' }).state);
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener();
  }
}

let connection: LiveConnection | undefined;

function liveConnection(): LiveConnection {
  connection ??= new LiveConnection();
  return connection;
}

/** The live connection's state, re-rendering as it changes. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => liveConnection().onState(listener),
    () => liveConnection().current(),
  );
}

/**
 * Calls `onAlert` with every alert raised or escalated in the officer's jurisdiction while the
 * component shows, and tells how the connection is. `onAlert` may change between renders.
 */
export function useLiveAlerts(onAlert: (alert: LiveAlert) => void): LiveState {
  const latest = useRef(onAlert);
  useEffect(() => {
    latest.current = onAlert;
  });
  useEffect(() => liveConnection().alerts((alert) => latest.current(alert)), []);
  return useLiveState();
}
