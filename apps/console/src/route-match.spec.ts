import { matchPath, redirectOf } from './route-match';

describe('matchPath', () => {
  it('reads the parameters of a matching path', () => {
    expect(matchPath('/penempatan/:id', '/penempatan/3f6c')).toEqual({ id: '3f6c' });
    expect(matchPath('/penempatan/:id', '/penempatan/a%20b/')).toEqual({ id: 'a b' });
    expect(matchPath('/pekerja', '/pekerja')).toEqual({});
  });

  it('refuses a path of another shape', () => {
    expect(matchPath('/penempatan/:id', '/penempatan')).toBeUndefined();
    expect(matchPath('/penempatan/:id', '/pekerja/3f6c')).toBeUndefined();
    expect(matchPath('/penempatan', '/penempatan/3f6c')).toBeUndefined();
  });
});

describe('redirectOf', () => {
  it('opens the alert an e-mail links to in the inbox, whatever its status', () => {
    expect(redirectOf('/alerts/7c1e0b2a-1d7e-4c53-9a52-3f1b1f0c9d11')).toBe(
      '/peringatan?status=ALL&peringatan=7c1e0b2a-1d7e-4c53-9a52-3f1b1f0c9d11',
    );
  });

  it('leaves the console own paths alone', () => {
    expect(redirectOf('/peringatan')).toBeUndefined();
    expect(redirectOf('/alerts')).toBeUndefined();
  });
});
