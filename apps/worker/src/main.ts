import { ConfigError, loadConfig } from '#lintas/core';
import { startWorker } from './create-worker.js';

try {
  // Checked before Nest boots, so a bad setting is one line naming the variable, not a stack trace.
  loadConfig();
  const worker = await startWorker();
  // Graceful: running jobs finish, the relay ends its pass, connections close, then the process exits.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void worker.close());
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
