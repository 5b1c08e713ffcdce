import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

// Jest loads this file outside its module mapper: it imports nothing of the project's own.

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function dockerRuns(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The tests need PostgreSQL and Redis on localhost. When they do not answer and Docker runs,
 * the compose file starts them; otherwise the run stops with one line saying what to start.
 * Each run gets an id: its template database and Redis key prefixes carry it.
 */
export default async function globalSetup(): Promise<void> {
  const up = async (): Promise<boolean> => (await answers(5432)) && (await answers(6379));
  if (!(await up()) && dockerRuns()) {
    execFileSync('docker', ['compose', 'up', '-d', '--wait', 'postgres', 'redis'], { stdio: 'inherit' });
  }
  if (!(await up())) {
    throw new Error(
      'Tests need PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379: start them (README, "Tests") or start Docker.',
    );
  }
  process.env.LINTAS_TEST_RUN = randomBytes(4).toString('hex');
}
