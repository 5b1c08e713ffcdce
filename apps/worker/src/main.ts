import type { Logger } from 'pino';
import { APP_LOGGER, ConfigError, loadConfig } from '#lintas/core';
import { startWorker, type RunningWorker } from './create-worker.js';

/**
 * How long a stop may take. The running jobs finish first, and a job ends in Redis: while Redis is
 * away no job can end, nor can a queue worker close. Past this the worker exits all the same, and
 * says so, before an orchestrator's SIGKILL (Kubernetes waits 30 s); a job it left running is found
 * stalled and run again by the next worker.
 */
const STOP_DEADLINE_MS = 25_000;

/** Graceful: no new job is taken, running jobs finish, the relay ends its pass, connections close. */
function stop(worker: RunningWorker, signal: NodeJS.Signals): void {
  const logger = worker.context.get<Logger>(APP_LOGGER);
  logger.info({ signal }, 'worker stopping: no new job is taken, the running ones finish');
  setTimeout(() => {
    logger.error(
      { signal, deadlineMs: STOP_DEADLINE_MS },
      'worker not stopped in time (is Redis away?): exiting; its unfinished jobs run again once found stalled',
    );
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  worker.close().then(
    () => {
      logger.info({ signal }, 'worker stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ signal, err: error }, 'worker stop failed');
      process.exit(1);
    },
  );
}

try {
  // Checked before Nest boots, so a bad setting is one line naming the variable, not a stack trace.
  loadConfig();
  const worker = await startWorker();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => stop(worker, signal));
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
