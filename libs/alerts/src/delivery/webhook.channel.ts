import { Injectable } from '@nestjs/common';
import { Clock, LintasConfig } from '#lintas/core';
import type { AlertNotice } from './alert-notice.js';
import { classifyHttpStatus, shortError, type AttemptResult } from './delivery-outcome.js';
import { webhookBodyOf } from './webhook-body.js';
import { signWebhook } from './webhook-signature.js';

export const WEBHOOK_USER_AGENT = 'Lintas-Alerts/1 (+https://github.com/lintas)';

/**
 * Why a request got no answer: the timeout, or the network error's code — never the URL, which may
 * hold a token. Read by shape rather than `instanceof`: fetch's errors may come from another realm.
 */
function describeFailure(error: unknown, timeoutMs: number): string {
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (typeof cause?.code === 'string') return `no answer: ${cause.code}`;
  return `no answer: ${typeof name === 'string' ? name : 'unknown error'}`;
}

/** Posts an alert, signed with the agency's secret, to the agency's webhook. */
@Injectable()
export class WebhookChannel {
  constructor(
    private readonly config: LintasConfig,
    private readonly clock: Clock,
  ) {}

  async send(notice: AlertNotice, secret: string, attempt: number): Promise<AttemptResult> {
    const rawBody = JSON.stringify(webhookBodyOf(notice, this.config.PUBLIC_URL));
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const timeoutMs = this.config.DELIVERY_TIMEOUT_MS;
    let status: number;
    try {
      const response = await fetch(notice.target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': WEBHOOK_USER_AGENT,
          'x-lintas-timestamp': String(timestamp),
          'x-lintas-signature': signWebhook(secret, timestamp, rawBody),
          'idempotency-key': notice.deliveryId,
          'x-lintas-delivery-attempt': String(attempt),
        },
        body: rawBody,
        // A signed POST is not re-sent to wherever a redirect points.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      // The answer's body is not needed; reading it frees the connection.
      await response.body?.cancel();
    } catch (error) {
      return { verdict: 'RETRY', statusCode: null, error: shortError(describeFailure(error, timeoutMs)) };
    }
    const verdict = classifyHttpStatus(status);
    return { verdict, statusCode: status, error: verdict === 'DELIVERED' ? null : `HTTP ${status}` };
  }
}
