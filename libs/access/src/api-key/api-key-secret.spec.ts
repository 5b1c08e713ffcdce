import { generateApiKey, parseApiKey, secretMatches } from './api-key-secret.js';

describe('API key secrets', () => {
  it('parses the key it generated and matches its stored hash', () => {
    const generated = generateApiKey();
    const parsed = parseApiKey(generated.key);
    expect(parsed?.prefix).toBe(generated.prefix);
    expect(secretMatches(parsed?.secret ?? '', generated.secretHash)).toBe(true);
  });

  it('does not store the secret itself', () => {
    const generated = generateApiKey();
    expect(generated.key).not.toContain(generated.secretHash);
    expect(generated.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses another key and malformed keys', () => {
    const one = generateApiKey();
    const other = parseApiKey(generateApiKey().key);
    expect(secretMatches(other?.secret ?? '', one.secretHash)).toBe(false);
    expect(parseApiKey('lintas_short_x')).toBeUndefined();
  });
});
