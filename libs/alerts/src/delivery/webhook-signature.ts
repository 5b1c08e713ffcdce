import { createHmac } from 'node:crypto';

/**
 * The `X-Lintas-Signature` value: `sha256=` and the hex HMAC-SHA256, keyed with the agency's
 * webhook secret, of `<timestamp>.<raw body>`. Signing the timestamp with the body lets a receiver
 * refuse a replayed request whose `X-Lintas-Timestamp` is old.
 */
export function signWebhook(secret: string, timestampSeconds: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex')}`;
}
