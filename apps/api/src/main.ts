import { ConfigError, loadConfig } from '#lintas/core';
import { createApi } from './create-api.js';

try {
  // Checked before Nest boots, so a bad setting is one line naming the variable, not a stack trace.
  const config = loadConfig();
  const app = await createApi();
  await app.listen(config.API_PORT, config.API_HOST);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
