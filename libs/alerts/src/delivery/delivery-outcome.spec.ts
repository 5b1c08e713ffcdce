import { classifyHttpStatus, classifySmtpReply, outcomeOf, shortError } from './delivery-outcome.js';

describe('classifying what a receiver answered', () => {
  it.each([200, 201, 202, 204, 299])('HTTP %i delivers', (status) => {
    expect(classifyHttpStatus(status)).toBe('DELIVERED');
  });

  it.each([400, 401, 403, 404, 405, 410, 413, 422, 499])('HTTP %i fails at once', (status) => {
    expect(classifyHttpStatus(status)).toBe('PERMANENT');
  });

  it.each([408, 429, 500, 502, 503, 504, 301, 302, 100])('HTTP %i is retried', (status) => {
    expect(classifyHttpStatus(status)).toBe('RETRY');
  });

  it('fails an SMTP 5xx reply at once and retries a 4xx one or no reply at all', () => {
    expect(classifySmtpReply(550)).toBe('PERMANENT');
    expect(classifySmtpReply(554)).toBe('PERMANENT');
    expect(classifySmtpReply(535)).toBe('PERMANENT');
    expect(classifySmtpReply(421)).toBe('RETRY');
    expect(classifySmtpReply(451)).toBe('RETRY');
    expect(classifySmtpReply(null)).toBe('RETRY');
  });

  it('records a retryable failure as FAILED only on the last attempt', () => {
    expect(outcomeOf('DELIVERED', false)).toBe('DELIVERED');
    expect(outcomeOf('DELIVERED', true)).toBe('DELIVERED');
    expect(outcomeOf('RETRY', false)).toBe('RETRY');
    expect(outcomeOf('RETRY', true)).toBe('FAILED');
    expect(outcomeOf('PERMANENT', false)).toBe('FAILED');
  });

  it('keeps error text to one short line', () => {
    expect(shortError('  no answer:\n ECONNREFUSED  ')).toBe('no answer: ECONNREFUSED');
    const long = shortError('x'.repeat(1000));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});
