import { ConfigError, DomainError } from '#lintas/core';
import { runCommand, UsageError, USAGE } from './commands.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('pipe the password on standard input, or set LINTAS_PASSWORD');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  await runCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`), readStdin);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
  } else if (error instanceof ConfigError || error instanceof DomainError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
