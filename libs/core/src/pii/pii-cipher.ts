import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { LintasConfig } from '../config/lintas-config.js';
import { parsePiiIndexKey, parsePiiKeys, type PiiKey } from './pii-keys.js';

/** What a blind index is computed for: each kind has a key of its own, so equal values of two kinds do not match. */
export type BlindIndexKind = 'nik' | 'passport';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
/** 96 bits, random per value: the size GCM is built for. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ENVELOPE = /^v1\.([a-z0-9-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** A value that cannot be decrypted: never answered with garbage, always with this. */
export class PiiCipherError extends Error {}

/**
 * Encrypts personal data (NIK, passport and phone numbers) for storage with AES-256-GCM, and
 * computes the blind indexes (HMAC-SHA256) that find a value without decrypting every row.
 *
 * An envelope is text: `v1.<keyId>.<iv>.<ciphertext and tag>`, base64url. It names the key that
 * sealed it, so keys rotate: the first key of PII_KEYS encrypts, every key decrypts. The envelope's
 * version, key id and purpose (`worker.nik`, …) are authenticated too, so a value cannot be moved
 * to another column, or relabelled with another key id, without failing to decrypt.
 */
export class PiiCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly active: PiiKey;
  private readonly indexKeys: ReadonlyMap<BlindIndexKind, Buffer>;
  /** Names the index key in every index, so rows indexed under another key can be found and redone. */
  readonly indexKeyId: string;

  constructor(keys: readonly PiiKey[], indexKey: Buffer) {
    const [active] = keys;
    if (!active) throw new PiiCipherError('PII_KEYS holds no key');
    this.active = active;
    this.keys = new Map(keys.map((entry) => [entry.id, entry.key]));
    this.indexKeys = new Map(
      (['nik', 'passport'] as const).map((kind) => [
        kind,
        createHmac('sha256', indexKey).update(`lintas blind index ${kind}`).digest(),
      ]),
    );
    this.indexKeyId = createHash('sha256')
      .update('lintas blind index key')
      .update(indexKey)
      .digest('hex')
      .slice(0, 8);
  }

  static fromConfig(config: Pick<LintasConfig, 'PII_KEYS' | 'PII_INDEX_KEY'>): PiiCipher {
    return new PiiCipher(parsePiiKeys(config.PII_KEYS), parsePiiIndexKey(config.PII_INDEX_KEY));
  }

  /** The id of the key new values are sealed with. */
  get activeKeyId(): string {
    return this.active.id;
  }

  encrypt(purpose: string, plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.active.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(this.active.id, purpose));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.active.id, iv.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  decrypt(purpose: string, envelope: string): string {
    const { keyId, iv, sealed } = parse(envelope);
    const key = this.keys.get(keyId);
    if (!key) throw new PiiCipherError(`A value is sealed with key "${keyId}", which PII_KEYS does not hold`);
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(keyId, purpose));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PiiCipherError(
        `A value sealed with key "${keyId}" fails authentication as ${purpose}: it was altered or belongs elsewhere`,
      );
    }
  }

  /** The id of the key an envelope was sealed with. */
  keyIdOf(envelope: string): string {
    return parse(envelope).keyId;
  }

  /** Whether an envelope is sealed with the active key, so rotation can leave it alone. */
  isCurrent(envelope: string): boolean {
    return this.keyIdOf(envelope) === this.active.id;
  }

  /** `<indexKeyId>.<HMAC-SHA256>`: equal for equal values of one kind, under one index key. */
  blindIndex(kind: BlindIndexKind, value: string): string {
    const key = this.indexKeys.get(kind);
    if (!key) throw new PiiCipherError(`There is no blind index of kind ${String(kind)}`);
    return `${this.indexKeyId}.${createHmac('sha256', key).update(value, 'utf8').digest('base64url')}`;
  }
}

function additionalData(keyId: string, purpose: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${purpose}`, 'utf8');
}

function parse(envelope: string): { keyId: string; iv: Buffer; sealed: Buffer } {
  const match = ENVELOPE.exec(envelope);
  if (!match)
    throw new PiiCipherError('A stored value is not a Lintas PII envelope (v1.<keyId>.<iv>.<data>)');
  const [, keyId = '', iv = '', sealed = ''] = match;
  return { keyId, iv: Buffer.from(iv, 'base64url'), sealed: Buffer.from(sealed, 'base64url') };
}
