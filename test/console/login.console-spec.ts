/**
 * Masuk: a wrong password is refused on the page, and the configured number of wrong passwords
 * locks the username with a message saying so (an officer of its own, so the flow's officer is
 * never locked).
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, NARROW, openContext, pageProblems, screenshot, WIDE } from './support/browser.js';
import {
  ConsoleStage,
  failureTracker,
  LOGIN_MAX_FAILURES,
  STAGE_START_TIMEOUT,
} from './support/console-stage.js';

const WRONG_PASSWORD = 'Nama pengguna atau kata sandi salah.';
const LOCKED = /Terlalu banyak percobaan gagal: akun ini dikunci sementara\. Coba lagi dalam \d+ menit/;

const suite = failureTracker();
// No alert is raised here: the worker is not needed.
const stage = new ConsoleStage('login', { worker: false });
let browser: Browser | undefined;

beforeAll(async () => {
  [, browser] = await Promise.all([stage.start(), launchChromium()]);
}, STAGE_START_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await stage.close(suite.failed());
}, STAGE_START_TIMEOUT);

/** Submits the form and waits for the API's answer (and the page's rendering of it). */
async function submit(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/graphql')),
    page.getByRole('button', { name: 'Masuk' }).click(),
  ]);
  await page.getByRole('button', { name: 'Masuk' }).waitFor();
}

suite.it('shows the login page readable and labelled at 1280 and 360 px', async () => {
  for (const width of [WIDE, NARROW]) {
    const context = await openContext(browser!, stage.url, width);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('heading', { name: 'Masuk ke Lintas' }).waitFor();
      await screenshot(page, 'login');
      expect(await pageProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }
});

suite.it(
  'refuses a wrong password on the page, and locks the username after the configured failures',
  async () => {
    const context = await openContext(browser!, stage.url);
    try {
      const page = await context.newPage();
      await page.goto('/masuk');
      const { lockable } = stage.users;
      for (let attempt = 1; attempt <= LOGIN_MAX_FAILURES; attempt += 1) {
        await submit(page, lockable.username, `${lockable.password}-wrong-${attempt}`);
        await page.getByRole('alert').filter({ hasText: WRONG_PASSWORD }).waitFor();
        expect(await page.getByRole('alert').filter({ hasText: WRONG_PASSWORD }).count()).toBe(1);
        // The refused password is cleared; the officer is still on the login page.
        expect(await page.getByLabel('Kata sandi').inputValue()).toBe('');
        expect(new URL(page.url()).pathname).toBe('/masuk');
      }
      // Locked now: even the right password is refused, with the lockout message.
      await submit(page, lockable.username, lockable.password);
      await page.getByRole('alert').filter({ hasText: LOCKED }).waitFor();
      expect(await page.getByRole('alert').filter({ hasText: WRONG_PASSWORD }).count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/masuk');
      await screenshot(page, 'login-locked');
    } finally {
      await context.close();
    }
  },
);
