import { loadConfig } from '#lintas/core';
import { cappedBackoff, jobOptionsFor, QueueName } from './queue-names.js';

describe('how jobs retry', () => {
  it('backs events off exponentially from a second, never longer than five minutes', () => {
    expect(cappedBackoff(1)).toBeGreaterThanOrEqual(800);
    expect(cappedBackoff(1)).toBeLessThanOrEqual(1000);
    expect(cappedBackoff(4)).toBeGreaterThanOrEqual(6400);
    expect(cappedBackoff(4)).toBeLessThanOrEqual(8000);
    for (const attempt of [10, 50, 299]) {
      expect(cappedBackoff(attempt)).toBeGreaterThanOrEqual(240_000);
      expect(cappedBackoff(attempt)).toBeLessThanOrEqual(300_000);
    }
  });

  it('keeps an event trying for about a day before giving up', () => {
    const { attempts = 1 } = jobOptionsFor(QueueName.DomainEvents, loadConfig({}));
    let longest = 0;
    for (let retry = 1; retry < attempts; retry += 1) longest += Math.min(1000 * 2 ** (retry - 1), 300_000);
    expect(longest / 3_600_000).toBeGreaterThan(23);
    expect(longest / 3_600_000).toBeLessThan(26);
  });

  it('retries a delivery as configured: 8 tries from 28 s span about an hour', () => {
    const options = jobOptionsFor(QueueName.AlertDeliveries, loadConfig({}));
    expect(options).toMatchObject({ attempts: 8, backoff: { type: 'exponential', delay: 28_000 } });
    const span = Array.from({ length: 7 }, (_, retry) => 28_000 * 2 ** retry).reduce((a, b) => a + b);
    expect(span / 60_000).toBeCloseTo(59.3, 0);
  });
});
