import { setTimeout as sleep } from 'node:timers/promises';

/** Asks `done` every `pollMs` until it answers true; fails, naming `what`, after `timeoutMs`. */
export async function until(
  what: string,
  timeoutMs: number,
  done: () => boolean | Promise<boolean>,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}
