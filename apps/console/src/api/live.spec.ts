import { INITIAL_LIVE_STATE, liveUrl, nextLiveState, retryDelayMs, type LiveState } from './live';

const live: LiveState = { status: 'live', cause: undefined, connections: 1, refreshed: false };

describe('nextLiveState', () => {
  it('connects, then counts each connection and forgets the last loss', () => {
    const connecting = nextLiveState(INITIAL_LIVE_STATE, { type: 'connecting', retry: false }).state;
    expect(connecting.status).toBe('connecting');
    const connected = nextLiveState(connecting, { type: 'connected' }).state;
    expect(connected).toEqual(live);
    const lost = nextLiveState(connected, { type: 'closed', code: 1006 }).state;
    const again = nextLiveState(nextLiveState(lost, { type: 'connecting', retry: true }).state, {
      type: 'connected',
    }).state;
    expect(again).toEqual({ status: 'live', cause: undefined, connections: 2, refreshed: false });
  });

  it('retries a lost link and a database that is away (4503), saying which', () => {
    expect(nextLiveState(live, { type: 'closed', code: 1006 })).toEqual({
      state: { ...live, status: 'reconnecting', cause: 'network' },
      action: 'retry',
    });
    expect(nextLiveState(live, { type: 'closed', code: 4503 })).toEqual({
      state: { ...live, status: 'reconnecting', cause: 'unavailable' },
      action: 'retry',
    });
    expect(nextLiveState(live, { type: 'closed', code: undefined }).action).toBe('retry');
    expect(nextLiveState(live, { type: 'connecting', retry: true }).state.status).toBe('reconnecting');
  });

  it.each([4401, 4403])(
    'refreshes the session once when credentials are refused (%i), then signs out',
    (code) => {
      const first = nextLiveState(live, { type: 'closed', code });
      expect(first.action).toBe('refresh');
      expect(first.state).toMatchObject({ status: 'reconnecting', cause: 'credentials', refreshed: true });
      const second = nextLiveState(nextLiveState(first.state, { type: 'connecting', retry: true }).state, {
        type: 'closed',
        code,
      });
      expect(second).toEqual({ state: INITIAL_LIVE_STATE, action: 'sign-out' });
    },
  );

  it('refreshes again after a connection the refreshed credentials made', () => {
    const refused = nextLiveState(live, { type: 'closed', code: 4403 }).state;
    const reconnected = nextLiveState(refused, { type: 'connected' }).state;
    expect(nextLiveState(reconnected, { type: 'closed', code: 4403 }).action).toBe('refresh');
  });

  it('goes idle on a normal closure (nobody listens) and starts over when stopped', () => {
    expect(nextLiveState(live, { type: 'closed', code: 1000 })).toEqual({
      state: { ...live, status: 'idle' },
      action: 'none',
    });
    expect(nextLiveState(live, { type: 'stopped' }).state).toEqual(INITIAL_LIVE_STATE);
  });
});

describe('retryDelayMs', () => {
  it('doubles from a second up to thirty, with up to a second at random', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((retries) => retryDelayMs(retries, 0))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(retryDelayMs(0, 0.999)).toBe(1999);
  });
});

describe('liveUrl', () => {
  it('uses the page’s own host, encrypted when the page is', () => {
    expect(liveUrl({ protocol: 'https:', host: 'lintas.bp2mi.go.id' })).toBe(
      'wss://lintas.bp2mi.go.id/graphql',
    );
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/graphql');
  });
});
