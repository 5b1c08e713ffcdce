import { addressSubject } from './login-throttle.js';

describe('addressSubject: what failed logins are counted against', () => {
  it('counts an IPv4 address as itself, however it is written', () => {
    expect(addressSubject('203.0.113.7')).toBe('203.0.113.7');
    expect(addressSubject('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressSubject('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of an IPv6 /64 as one client', () => {
    const subject = addressSubject('2001:db8:85a3:1:aaaa:bbbb:cccc:dddd');
    expect(subject).toBe('2001:db8:85a3:1::/64');
    expect(addressSubject('2001:db8:85a3:1::1')).toBe(subject);
    expect(addressSubject('2001:0db8:85a3:0001:0:0:0:ffff')).toBe(subject);
    expect(addressSubject('2001:db8:85a3:2::1')).not.toBe(subject);
  });

  it('expands a shortened prefix and drops a zone', () => {
    expect(addressSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressSubject('::1')).toBe('0:0:0:0::/64');
    expect(addressSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
