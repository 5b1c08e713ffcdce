import { ValidateBy, type ValidationOptions } from 'class-validator';

/** One key of PII_KEYS: its id travels in every envelope it seals, the key itself never leaves the process. */
export interface PiiKey {
  id: string;
  key: Buffer;
}

/**
 * Published in this repository so a development machine needs no setup: the id and the decoded key
 * both begin `development-only`, which is how loadConfig recognises them and refuses them in production.
 */
export const DEVELOPMENT_PII_KEYS = `development-only:${Buffer.from('development-only-pii-key-public!').toString('base64')}`;
export const DEVELOPMENT_PII_INDEX_KEY = Buffer.from('development-only-pii-index-key!!').toString('base64');

const KEY_ID = /^[a-z0-9-]{1,32}$/;
/** `openssl rand -base64 32`: 43 characters and one `=`. Strict, so a truncated paste is refused. */
const BASE64_OF_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;
const PUBLIC = /^(development|dev)-only/;
const GENERATE = 'generate one with `openssl rand -base64 32`';

/** What is wrong with a PII_KEYS value, in words that fit "PII_KEYS …"; undefined when nothing is. */
export function piiKeysProblem(text: string): string | undefined {
  const entries = text.split(',').map((entry) => entry.trim());
  const seen = new Set<string>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? entry : entry.slice(0, separator);
    if (separator < 0 || !KEY_ID.test(id)) {
      return 'must be a comma list of <keyId>:<base64 of 32 bytes>, each key id 1 to 32 of a-z, 0-9 and -';
    }
    if (!isBase64Of32Bytes(entry.slice(separator + 1))) {
      return `must give key "${id}" as the base64 of 32 bytes (${GENERATE})`;
    }
    if (seen.has(id)) return `repeats the key id "${id}": each key needs an id of its own`;
    seen.add(id);
  }
  return undefined;
}

/** What is wrong with a PII_INDEX_KEY value; undefined when nothing is. */
export function piiIndexKeyProblem(text: string): string | undefined {
  return isBase64Of32Bytes(text.trim()) ? undefined : `must be the base64 of 32 bytes (${GENERATE})`;
}

/** The keys of a valid PII_KEYS value, the one that encrypts first. */
export function parsePiiKeys(text: string): PiiKey[] {
  const problem = piiKeysProblem(text);
  if (problem) throw new Error(`PII_KEYS ${problem}`);
  return text.split(',').map((entry) => {
    const [id = '', key = ''] = entry.trim().split(':');
    return { id, key: Buffer.from(key, 'base64') };
  });
}

export function parsePiiIndexKey(text: string): Buffer {
  const problem = piiIndexKeyProblem(text);
  if (problem) throw new Error(`PII_INDEX_KEY ${problem}`);
  return Buffer.from(text.trim(), 'base64');
}

/** Whether any of these keys is one published in this repository (its id or its bytes say so). */
export function hasPublicPiiKey(piiKeys: string, indexKey: string): boolean {
  const isPublic = (key: Buffer): boolean => PUBLIC.test(key.toString('latin1'));
  return (
    parsePiiKeys(piiKeys).some((entry) => PUBLIC.test(entry.id) || isPublic(entry.key)) ||
    isPublic(parsePiiIndexKey(indexKey))
  );
}

function isBase64Of32Bytes(text: string): boolean {
  return BASE64_OF_32_BYTES.test(text) && Buffer.from(text, 'base64').length === 32;
}

/** Validates a config property with one of the checks above, its reason as the message. */
export function IsPiiKeySetting(
  problem: (text: string) => string | undefined,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPiiKeySetting',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && problem(value) === undefined,
        defaultMessage: (args): string =>
          typeof args?.value === 'string' ? (problem(args.value) ?? 'is invalid') : 'must be a string',
      },
    },
    options,
  );
}
