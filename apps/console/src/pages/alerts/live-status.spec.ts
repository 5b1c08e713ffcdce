import { INITIAL_LIVE_STATE } from '../../api/live';
import { liveStatusWords } from './live-status';

describe('liveStatusWords', () => {
  it('says live only while the connection is up', () => {
    expect(liveStatusWords({ status: 'live', cause: undefined })).toEqual({
      label: 'live',
      detail: undefined,
    });
    expect(liveStatusWords(INITIAL_LIVE_STATE)).toEqual({ label: 'connecting', detail: undefined });
    expect(liveStatusWords({ status: 'connecting', cause: undefined }).label).toBe('connecting');
  });

  it('says why it is reconnecting', () => {
    expect(liveStatusWords({ status: 'reconnecting', cause: 'network' })).toEqual({
      label: 'reconnecting',
      detail: 'causeNetwork',
    });
    expect(liveStatusWords({ status: 'reconnecting', cause: 'unavailable' }).detail).toBe('causeUnavailable');
    expect(liveStatusWords({ status: 'reconnecting', cause: 'credentials' }).detail).toBe('causeCredentials');
  });
});
