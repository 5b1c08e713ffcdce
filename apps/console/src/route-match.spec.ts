import { matchPath } from './route-match';

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
