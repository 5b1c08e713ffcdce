/**
 * Times one statement in `psql` itself (its `\timing`, the round trip as psql sees it): the baseline
 * the issue names for the sweeps, free of Node, pg and TypeORM.
 */
import { spawn } from 'node:child_process';

/** A parameter as a SQL literal in the EXECUTE line. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`no SQL literal for ${typeof value}`);
}

/** What psql answered: the time of the statement, and the last line it printed before the time. */
export interface PsqlTiming {
  ms: number;
  output: string;
}

/**
 * Runs `sql` with `parameters` ($1, $2 …, of `types`) as a prepared statement in psql, with JIT off
 * as `AlertSweeper.run` runs its statement, in autocommit: the time includes the commit.
 */
export function timeInPsql(
  databaseUrl: string,
  sql: string,
  types: readonly string[],
  parameters: readonly unknown[],
): Promise<PsqlTiming> {
  const script = [
    '\\set ON_ERROR_STOP on',
    'SET jit = off;',
    `PREPARE bare(${types.join(', ')}) AS ${sql};`,
    '\\timing on',
    `EXECUTE bare(${parameters.map(literal).join(', ')});`,
  ].join('\n');
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', ['-X', '-At', '-d', databaseUrl], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    psql.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    psql.on('error', reject);
    psql.on('close', (code) => {
      const lines = stdout.trim().split('\n');
      const time = /^Time: ([\d.]+) ms/.exec(lines.at(-1) ?? '');
      if (code !== 0 || !time) {
        reject(new Error(`psql failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve({ ms: Number(time[1]), output: lines.at(-2) ?? '' });
    });
    psql.stdin.end(script);
  });
}
