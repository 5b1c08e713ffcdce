import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PiiCipher, PiiCipherError } from './pii-cipher.js';
import {
  DEVELOPMENT_PII_INDEX_KEY,
  DEVELOPMENT_PII_KEYS,
  hasPublicPiiKey,
  parsePiiKeys,
} from './pii-keys.js';

const key = (id: string): { id: string; key: Buffer } => ({ id, key: randomBytes(32) });
const indexKey = randomBytes(32);
const older = key('2025-01');
const current = key('2026-01');
const cipher = new PiiCipher([current, older], indexKey);

/** Flips one bit of the envelope's sealed part (ciphertext or tag). */
function tamper(envelope: string, position: number): string {
  const parts = envelope.split('.');
  const sealed = Buffer.from(parts[3] ?? '', 'base64url');
  const at = position % sealed.length;
  sealed[at] = (sealed[at] ?? 0) ^ 1;
  return [...parts.slice(0, 3), sealed.toString('base64url')].join('.');
}

describe('PiiCipher', () => {
  it('gives back every value it sealed, whatever its characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ minLength: 1 }),
        (plain, purpose) => {
          expect(cipher.decrypt(purpose, cipher.encrypt(purpose, plain))).toBe(plain);
        },
      ),
    );
  });

  it('seals with the first key, in a text envelope that names it and never holds the value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{16}$/), (nik) => {
        const envelope = cipher.encrypt('worker.nik', nik);
        expect(envelope).toMatch(/^v1\.2026-01\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
        expect(envelope).not.toContain(nik);
        expect(cipher.keyIdOf(envelope)).toBe('2026-01');
        expect(cipher.isCurrent(envelope)).toBe(true);
      }),
    );
  });

  it('seals one value twice differently: a random IV each time', () => {
    const first = cipher.encrypt('worker.phone', '+62 812 3456 7890');
    expect(cipher.encrypt('worker.phone', '+62 812 3456 7890')).not.toBe(first);
  });

  it('opens values sealed with an older key it still holds, and reports them as not current', () => {
    const before = new PiiCipher([older], indexKey);
    const envelope = before.encrypt('worker.nik', '6372014108950001');
    expect(cipher.decrypt('worker.nik', envelope)).toBe('6372014108950001');
    expect(cipher.isCurrent(envelope)).toBe(false);
  });

  it('refuses a value sealed with a key it does not hold, naming the key id only', () => {
    const envelope = new PiiCipher([key('retired')], indexKey).encrypt('worker.nik', '6372014108950001');
    expect(() => cipher.decrypt('worker.nik', envelope)).toThrow(
      new PiiCipherError('A value is sealed with key "retired", which PII_KEYS does not hold'),
    );
  });

  it('refuses any altered ciphertext or tag instead of returning garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.nat(), (plain, position) => {
        const envelope = tamper(cipher.encrypt('worker.passport_number', plain), position);
        expect(() => cipher.decrypt('worker.passport_number', envelope)).toThrow(PiiCipherError);
      }),
    );
  });

  it('refuses a value moved to another purpose, or relabelled with another key id', () => {
    const envelope = cipher.encrypt('worker.phone', '+62 812 3456 7890');
    expect(() => cipher.decrypt('worker.nik', envelope)).toThrow(/fails authentication as worker.nik/);
    // One key under two ids: only the authenticated key id can tell the relabelled envelope.
    const twice = new PiiCipher([current, { id: 'alias', key: current.key }], indexKey);
    const relabelled = twice.encrypt('worker.phone', '+62 812').replace('v1.2026-01.', 'v1.alias.');
    expect(() => twice.decrypt('worker.phone', relabelled)).toThrow(PiiCipherError);
  });

  it.each([
    '',
    '6372014108950001',
    'v2.2026-01.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.2026-01.short.x',
  ])('refuses %p as not an envelope', (text) => {
    expect(() => cipher.decrypt('worker.nik', text)).toThrow(/not a Lintas PII envelope/);
    expect(() => cipher.keyIdOf(text)).toThrow(PiiCipherError);
  });

  it('indexes a value the same way every time, and two values or two kinds differently', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(cipher.blindIndex('nik', a)).toBe(new PiiCipher([current], indexKey).blindIndex('nik', a));
        expect(cipher.blindIndex('nik', a)).not.toBe(cipher.blindIndex('passport', a));
        if (a !== b) expect(cipher.blindIndex('nik', a)).not.toBe(cipher.blindIndex('nik', b));
      }),
    );
  });

  it('names the index key in each index, and a new index key gives other indexes', () => {
    const index = cipher.blindIndex('nik', '6372014108950001');
    expect(index).toMatch(new RegExp(`^${cipher.indexKeyId}\\.[A-Za-z0-9_-]{43}$`));
    const other = new PiiCipher([current], randomBytes(32));
    expect(other.indexKeyId).not.toBe(cipher.indexKeyId);
    expect(other.blindIndex('nik', '6372014108950001')).not.toBe(index);
    // The key encrypting values has no part in the index: rotating it keeps every index.
    expect(new PiiCipher([key('2027-01'), current], indexKey).blindIndex('nik', '6372014108950001')).toBe(
      index,
    );
  });
});

describe('PII key settings', () => {
  it('reads the published development keys, and knows them for public', () => {
    const [development] = parsePiiKeys(DEVELOPMENT_PII_KEYS);
    expect(development?.id).toBe('development-only');
    expect(development?.key).toHaveLength(32);
    expect(hasPublicPiiKey(DEVELOPMENT_PII_KEYS, DEVELOPMENT_PII_INDEX_KEY)).toBe(true);
    const own = `k1:${randomBytes(32).toString('base64')}`;
    expect(hasPublicPiiKey(own, randomBytes(32).toString('base64'))).toBe(false);
    expect(hasPublicPiiKey(own, DEVELOPMENT_PII_INDEX_KEY)).toBe(true);
    expect(hasPublicPiiKey(`${own},${DEVELOPMENT_PII_KEYS}`, randomBytes(32).toString('base64'))).toBe(true);
  });
});
