import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LintasConfig } from '#lintas/core';
import { createTransport, type Transporter } from 'nodemailer';
import { composeAlertEmail, recipientsOf } from './alert-email.js';
import type { AlertNotice } from './alert-notice.js';
import { classifySmtpReply, shortError, type AttemptResult } from './delivery-outcome.js';

/** Nodemailer's errors: `responseCode` when the server answered, `code` (ECONNECTION, ETIMEDOUT, …) always. */
interface SmtpError {
  responseCode?: number;
  code?: string;
}

/** Sends an alert, as one plain-text message, to every address the agency gave. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly config: LintasConfig) {}

  async send(notice: AlertNotice, attempt: number): Promise<AttemptResult> {
    const to = recipientsOf(notice.target);
    if (to.length === 0) return { verdict: 'PERMANENT', statusCode: null, error: 'no e-mail address' };
    const { subject, text } = composeAlertEmail(notice, this.config.PUBLIC_URL);
    let response: string | undefined;
    try {
      ({ response } = await this.transporter().sendMail({
        from: this.config.ALERT_EMAIL_FROM,
        to,
        subject,
        text,
        // The same Message-ID on every attempt lets mail systems drop a repeat.
        messageId: `<${notice.deliveryId}@${new URL(this.config.PUBLIC_URL).hostname}>`,
        headers: {
          'X-Lintas-Delivery-Id': notice.deliveryId,
          'X-Lintas-Alert-Id': notice.alert.id,
          'X-Lintas-Delivery-Attempt': String(attempt),
        },
      }));
    } catch (error) {
      const { responseCode, code } = (error ?? {}) as SmtpError;
      const statusCode = typeof responseCode === 'number' ? responseCode : null;
      const description =
        statusCode === null ? `no answer: ${code ?? 'unknown error'}` : `SMTP ${statusCode}`;
      return { verdict: classifySmtpReply(statusCode), statusCode, error: shortError(description) };
    }
    const code = /^\d{3}/.exec(response ?? '')?.[0];
    return { verdict: 'DELIVERED', statusCode: code ? Number(code) : null, error: null };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    const timeout = this.config.DELIVERY_TIMEOUT_MS;
    return (this.transport ??= createTransport({
      url: this.config.SMTP_URL,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    }));
  }
}
