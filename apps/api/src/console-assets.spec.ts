import { chooseEncoding } from './console-assets.js';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, among the variants the build wrote', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip, deflate, br', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBeUndefined();
  });

  it('sends none the client refused or did not name, and honours a wildcard', () => {
    expect(chooseEncoding('gzip, br;q=0', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('BR;Q=0.5, gzip;q=0', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('', ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('br;q=0, *', ['br', 'gzip'])).toBe('gzip');
  });
});
