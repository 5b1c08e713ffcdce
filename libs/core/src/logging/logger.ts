import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type Bindings, type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from '../context/request-context.js';
import { redactPii, redactText } from './redact.js';

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** One destination per file and process: the api, worker and CLI contexts of one process share it. */
const fileDestinations = new Map<string, DestinationStream>();

/**
 * Standard output, or `file` (LOG_FILE), appended to. A file is written synchronously: each line
 * is in it when the logging call returns, so a crash loses none and a reader (the tests' PII scan)
 * sees every line once the apps have closed. The file stays open for the life of the process.
 */
export function logDestination(file: string): DestinationStream {
  if (!file) return pino.destination({ fd: 1, sync: false });
  let destination = fileDestinations.get(file);
  if (!destination) {
    destination = pino.destination({ dest: file, append: true, mkdir: true, sync: true });
    fileDestinations.set(file, destination);
  }
  return destination;
}

/** JSON lines on stdout (or `destination`), with the request id of the current request and PII scrubbed. */
export function createLogger(
  level: LogLevelName,
  service: string,
  destination: DestinationStream = pino.destination({ fd: 1, sync: false }),
): Logger {
  const logger = pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'message',
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => {
          const requestId = currentRequestId();
          const scrubbed = redactPii(object) as Record<string, unknown>;
          return requestId ? { requestId, ...scrubbed } : scrubbed;
        },
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  // pino formats only the root's bindings: a child's (`logger.child({ … })`) are scrubbed here, and
  // children of children inherit this method.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with each child's own `this`
  const child = logger.child;
  logger.child = function (this: Logger, bindings: Bindings, options) {
    return child.call(this, redactPii(bindings) as Bindings, options);
  } as Logger['child'];
  return logger;
}

/** Lets Nest's own messages (module wiring, route mapping) go through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  setLogLevels(levels: LogLevel[]): void {
    if (levels.includes('debug')) this.logger.level = 'debug';
  }

  private write(
    level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
  ): void {
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
