import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^lintas_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeySecret {
  /** The whole key, shown to its owner once. */
  key: string;
  prefix: string;
  secretHash: string;
}

/** 256 random bits: a plain SHA-256 is enough to store them (argon2 is for guessable passwords). */
export function generateApiKey(): ApiKeySecret {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  return { key: `lintas_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] && match[2] ? { prefix: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
