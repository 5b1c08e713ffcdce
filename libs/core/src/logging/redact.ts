/**
 * PII never reaches a log line: values under these keys are replaced wholesale, and strings
 * are scrubbed of anything shaped like a NIK, a phone number or a passport number.
 */
const SENSITIVE_KEYS = new Set(
  [
    'nik',
    'passport',
    'passportnumber',
    'phone',
    'phonenumber',
    'password',
    'passwordhash',
    'token',
    'accesstoken',
    'refreshtoken',
    'currentpassword',
    'newpassword',
    'apikey',
    'x-api-key',
    'secret',
    'webhooksecret',
    'email',
    'alertemails',
    'authorization',
    'cookie',
    'variables',
  ].map((key) => key.toLowerCase()),
);

/**
 * Runs of digits with spaces or dashes; only those holding 9 digits or more are redacted (NIK,
 * phone). UUIDs are matched first and kept whole: they are the ids a log is searched by.
 */
const UUID_OR_DIGIT_RUN =
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\+?\d[\d\s-]*\d/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_PII_DIGITS = 9;
const PASSPORT_NUMBER = /\b[A-Z]{1,2}\d{6,8}\b/g;
/** Lintas API keys, should one be pasted into a message. */
const API_KEY = /lintas_[a-z0-9]{10}_[A-Za-z0-9_-]{43}/g;
const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text
    .replace(UUID_OR_DIGIT_RUN, (run) =>
      UUID.test(run) || run.replace(/\D/g, '').length < MIN_PII_DIGITS ? run : REDACTED,
    )
    .replace(PASSPORT_NUMBER, REDACTED)
    .replace(API_KEY, REDACTED);
}

export function redactPii(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any log entry of ours: cut off, never passed on unscrubbed.
  if (depth > 8) return '[truncated]';
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactPii(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : redactPii(inner, depth + 1);
  }
  return result;
}
