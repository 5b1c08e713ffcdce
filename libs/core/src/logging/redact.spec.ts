import { redactPii, redactText } from './redact.js';

describe('PII redaction', () => {
  it('removes NIKs, phone and passport numbers from free text', () => {
    const line = redactText('worker 6372014108950001 phone +62 812-3456-7890 passport C1234567');
    expect(line).not.toMatch(/6372014108950001|3456|C1234567/);
    expect(line).toContain('[redacted]');
  });

  it('replaces values under sensitive keys at any depth', () => {
    const redacted = redactPii({
      input: { nik: 'ABC', fullName: 'Siti', nested: [{ passportNumber: 'X', phone: 'Y' }] },
    });
    expect(redacted).toEqual({
      input: {
        nik: '[redacted]',
        fullName: 'Siti',
        nested: [{ passportNumber: '[redacted]', phone: '[redacted]' }],
      },
    });
  });

  it('cuts off what is nested deeper than any log entry, instead of passing it on unscrubbed', () => {
    let nested: Record<string, unknown> = { note: 'NIK 6372024108950001' };
    for (let level = 0; level < 12; level += 1) nested = { inner: nested };
    expect(JSON.stringify(redactPii(nested))).not.toContain('6372024108950001');
  });

  it('replaces refresh tokens and the passwords of a password change', () => {
    expect(redactPii({ refreshToken: 'abc', currentPassword: 'x', newPassword: 'y' })).toEqual({
      refreshToken: '[redacted]',
      currentPassword: '[redacted]',
      newPassword: '[redacted]',
    });
  });

  it('never writes an API key, in a header or in a message', () => {
    const key = `lintas_abcdef0123_${'A'.repeat(43)}`;
    const redacted = JSON.stringify(redactPii({ headers: { 'x-api-key': key }, message: `rejected ${key}` }));
    expect(redacted).not.toContain('AAAAAAAAAA');
  });

  it('keeps dates, which hold fewer digits than any NIK or phone number', () => {
    expect(redactText('departure planned for 2026-11-25')).toBe('departure planned for 2026-11-25');
  });

  it('redacts a stack trace, whose first line repeats the message', () => {
    const error = new Error('duplicate key 6372024108950001');
    expect(JSON.stringify(redactPii(error))).not.toContain('6372024108950001');
  });

  it('keeps ids and short numbers that are not PII', () => {
    expect(redactText('placement 3f1c2b6e-9a7d-4b1e-8c3f-2a1b0c9d8e7f version 12')).toBe(
      'placement 3f1c2b6e-9a7d-4b1e-8c3f-2a1b0c9d8e7f version 12',
    );
  });

  it('keeps a UUID whole when its first part looks like a passport number in lowercase', () => {
    expect(redactText('request e1234567-aaaa-4bbb-8ccc-123456789abc')).toBe(
      'request e1234567-aaaa-4bbb-8ccc-123456789abc',
    );
  });

  it('keeps a UUID whole even when it holds a long run of digits, and still redacts a NIK beside it', () => {
    expect(redactText('alert 975e08f4-d123-4567-8901-a64eb179c4f8 for 6372014108950001')).toBe(
      'alert 975e08f4-d123-4567-8901-a64eb179c4f8 for [redacted]',
    );
  });
});
