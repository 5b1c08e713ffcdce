/** What one attempt came to: delivered, worth another try, or refused for good. */
export type AttemptVerdict = 'DELIVERED' | 'RETRY' | 'PERMANENT';

export interface AttemptResult {
  verdict: AttemptVerdict;
  /** The HTTP status or the SMTP reply code; null when no answer came. */
  statusCode: number | null;
  /** Short, and never a secret or a response body. */
  error: string | null;
}

/** The outcome recorded for an attempt (`alert_delivery_attempt.outcome`). */
export type AttemptOutcome = 'DELIVERED' | 'RETRY' | 'FAILED';

/**
 * 2xx delivers. A 4xx says the request itself is wrong (bad URL, a secret the receiver does not
 * know), so repeating it cannot help — except 408 (timeout) and 429 (slow down), which invite a
 * retry. Everything else (5xx, a redirect, no answer) may pass, so it is retried.
 */
export function classifyHttpStatus(status: number): AttemptVerdict {
  if (status >= 200 && status < 300) return 'DELIVERED';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'PERMANENT';
  return 'RETRY';
}

/** An SMTP 5xx reply is permanent (RFC 5321, 4.2.1); a 4xx reply or no reply at all is worth a retry. */
export function classifySmtpReply(code: number | null): Exclude<AttemptVerdict, 'DELIVERED'> {
  return code !== null && code >= 500 && code < 600 ? 'PERMANENT' : 'RETRY';
}

/** A retryable failure on the last allowed attempt is final too. */
export function outcomeOf(verdict: AttemptVerdict, lastAttempt: boolean): AttemptOutcome {
  if (verdict === 'DELIVERED') return 'DELIVERED';
  return verdict === 'PERMANENT' || lastAttempt ? 'FAILED' : 'RETRY';
}

const MAX_ERROR_LENGTH = 200;

/** One line, short enough for a table cell. */
export function shortError(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}
