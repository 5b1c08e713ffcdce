import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message as the SMTP server took it. Header names are lower case; `text` is the decoded body. */
export interface ReceivedMail {
  from: string | null;
  /** The envelope recipients (RCPT TO), in order. */
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  receivedAt: Date;
}

/** What the server answers to a message's DATA: 250 accepts it; anything else rejects it with that code. */
export type SmtpReply = number;

/**
 * A local SMTP server standing in for the agencies' mail: no authentication, no TLS, on an
 * ephemeral port of 127.0.0.1. It records every accepted message and can be scripted to reject
 * (e.g. `[451, 250]`: a temporary failure, then acceptance; the last reply repeats).
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  /** Every DATA reply given, accepted or not, in order. */
  readonly replies: SmtpReply[] = [];
  private script: SmtpReply[] = [250];

  private readonly server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const reply = this.record(Buffer.concat(chunks).toString('utf8'), session);
        if (reply === 250) return callback(null, 'Message accepted');
        callback(Object.assign(new Error(`rejected with ${reply} by the test`), { responseCode: reply }));
      });
    },
  });

  private constructor() {}

  static async start(replies: SmtpReply[] = [250]): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver();
    receiver.replyWith(replies);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', () => resolve()));
    return receiver;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** The value for SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  replyWith(replies: SmtpReply[]): void {
    if (replies.length === 0) throw new Error('an SMTP receiver needs at least one reply');
    this.script = [...replies];
  }

  /** Messages whose envelope includes this recipient. */
  messagesTo(address: string): ReceivedMail[] {
    return this.messages.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(raw: string, session: SMTPServerSession): SmtpReply {
    const reply = this.script[Math.min(this.replies.length, this.script.length - 1)] ?? 250;
    this.replies.push(reply);
    if (reply !== 250) return reply;
    const { headers, body } = parseMessage(raw);
    const from = session.envelope.mailFrom;
    this.messages.push({
      from: from ? from.address.toLowerCase() : null,
      to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
      raw,
      headers,
      subject: decodeEncodedWords(headers.subject ?? ''),
      text: decodeBody(body, headers['content-transfer-encoding'] ?? '7bit'),
      receivedAt: new Date(),
    });
    return reply;
  }
}

/** Splits a single-part message into unfolded headers and the body; enough for plain-text alerts. */
export function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = split < 0 ? normalised : normalised.slice(0, split);
  const body = split < 0 ? '' : normalised.slice(split + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const unwrapped = text.replace(/=\n/g, '');
  for (let index = 0; index < unwrapped.length; index += 1) {
    const hex = unwrapped.slice(index + 1, index + 3);
    if (unwrapped[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(unwrapped[index] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes non-ASCII headers. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_word, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}
