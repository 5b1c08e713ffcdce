import { snakeCase } from './snake-naming.strategy.js';

describe('snakeCase', () => {
  it.each([
    ['originRegencyCode', 'origin_regency_code'],
    ['nextCheckInDueAt', 'next_check_in_due_at'],
    ['APIKey', 'api_key'],
    ['version', 'version'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});
