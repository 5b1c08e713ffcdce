import { ConfigError, LintasConfig } from '#lintas/core';
import { createApi } from './create-api.js';

try {
  const app = await createApi();
  const config = app.get(LintasConfig);
  await app.listen(config.API_PORT, config.API_HOST);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
