/**
 * Issue #10's "done when", in Chromium against the real api, worker, PostgreSQL and Redis: an
 * officer of BP3MI Kalimantan Selatan registers a worker (a NIK disagreeing with the date of birth
 * is refused on the field first) and a placement, records evidence, is refused clearance with the
 * unmet list, completes the checklist, clears and records a procedural departure. Another
 * placement departs without clearance, and the NON_PROCEDURAL_DEPARTURE alert appears in a case
 * handler's open inbox without a reload; the case handler acknowledges it, hands it to a colleague
 * and resolves it.
 * Then every page is shown at 1280 and 360 px wide: screenshots, labelled controls, contrast,
 * and no sideways scrolling at 360 px.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  launchChromium,
  logIn,
  NARROW,
  openContext,
  openFromNavigation,
  pageProblems,
  screenshot,
  WIDE,
} from './support/browser.js';
import {
  ConsoleStage,
  failureTracker,
  REGENCY,
  STAGE_START_TIMEOUT,
  type StageClient,
} from './support/console-stage.js';
import {
  DESTINATION,
  nikFor,
  registerRecruiter,
  registerWorkerWithPlacement,
  witaDate,
  witaDateTime,
  type PlacementHandle,
  type Recruiter,
} from './support/flow-data.js';
import { OFFICER_VERIFIED } from '../support/requirements.js';

/** The worker the officer registers in the browser. */
const WORKER = { fullName: 'Siti Aminah', dateOfBirth: '1995-08-01', sex: 'FEMALE' as const, serial: 1 };

/** A few of their Indonesian names, as the unmet list shows them. */
const UNMET_NAMES = [
  'Sertifikat kesehatan',
  'Visa kerja',
  'Jaminan sosial (BPJS Ketenagakerjaan)',
  'Kartu E-PMI',
];

const suite = failureTracker();
const stage = new ConsoleStage('flow');
let browser: Browser | undefined;
let officerApi: StageClient;
let recruiter: Recruiter;
/** The placement the officer lets depart without clearance. */
let uncleared: PlacementHandle;
/** The placement the officer registers in the browser, once registered. */
let placementPath: string | undefined;

beforeAll(async () => {
  [, browser] = await Promise.all([stage.start(), launchChromium()]);
  officerApi = await stage.client(stage.users.officer);
  recruiter = await registerRecruiter(officerApi);
  uncleared = await registerWorkerWithPlacement(officerApi, recruiter, {
    fullName: 'Nur Hasanah',
    dateOfBirth: '1998-02-14',
    sex: 'FEMALE',
    serial: 2,
  });
}, STAGE_START_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await stage.close(suite.failed());
}, STAGE_START_TIMEOUT);

/** The error tied to a control for screen readers (aria-describedby), as its text. */
async function fieldError(control: Locator): Promise<string> {
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  const page = control.page();
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter((id) => id.endsWith('-error'))
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ');
}

/** The placement's version, as its page shows it ("Versi data: 3"). */
async function shownVersion(page: Page): Promise<number> {
  const text = (await page.getByText(/^Versi data: \d+$/).textContent()) ?? '';
  return Number(/\d+$/.exec(text)?.[0]);
}

/**
 * Runs `change` and waits until the page shows the placement's next version: the page has read
 * the placement again, and its forms (made afresh for each version) are the new ones.
 */
async function changePlacement(page: Page, change: () => Promise<void>): Promise<void> {
  const before = await shownVersion(page);
  await change();
  await page.getByText(`Versi data: ${before + 1}`, { exact: true }).waitFor();
}

/** Records one requirement's evidence with the placement page's form and waits for the page to show it. */
async function recordEvidence(
  page: Page,
  kind: string,
  evidence: { documentNumber: string; issuer?: string; expiresOn?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Catat bukti persyaratan' });
  await form.getByLabel('Persyaratan', { exact: true }).selectOption(kind);
  await form.getByLabel('Hasil pemeriksaan').selectOption('SATISFIED');
  await form.getByLabel('Nomor dokumen').fill(evidence.documentNumber);
  if (evidence.issuer) await form.getByLabel('Penerbit dokumen', { exact: false }).fill(evidence.issuer);
  if (evidence.expiresOn) await form.getByLabel('Berlaku sampai', { exact: false }).fill(evidence.expiresOn);
  await changePlacement(page, async () => {
    await form.getByRole('button', { name: 'Simpan bukti' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: /^Bukti .* tersimpan\.$/ })
      .waitFor();
  });
}

/** Presses "Izinkan berangkat" and answers once the page has the API's answer. */
async function tryToClear(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        (response.request().postData() ?? '').includes('clearForDeparture'),
    ),
    page.getByRole('button', { name: 'Izinkan berangkat' }).click(),
  ]);
}

/** Opens the placement page's "Catat keberangkatan" disclosure, where the departure form is. */
async function openDeparture(page: Page): Promise<void> {
  await page.locator('summary', { hasText: 'Catat keberangkatan' }).click();
}

suite.it(
  'an officer registers, checks, clears and departs a placement; a non-procedural departure reaches the case handler live',
  async () => {
    const officerContext = await openContext(browser!, stage.url);
    const handlerContext = await openContext(browser!, stage.url);
    try {
      const officer = await officerContext.newPage();
      await logIn(officer, stage.users.officer, '/pekerja');

      // Pekerja: register the worker. A NIK whose birth date disagrees with the date of birth is refused on the field.
      await officer.getByRole('heading', { name: 'Pekerja', level: 1 }).waitFor();
      await officer.getByRole('button', { name: 'Daftarkan pekerja baru' }).click();
      const nik = nikFor(WORKER.dateOfBirth, WORKER.sex, WORKER.serial);
      await officer.getByLabel('NIK', { exact: true }).fill(nik);
      await officer.getByLabel('Nama lengkap').fill(WORKER.fullName);
      await officer.getByLabel('Jenis kelamin').selectOption(WORKER.sex);
      const dateOfBirth = officer.getByLabel('Tanggal lahir', { exact: true });
      await dateOfBirth.fill('1996-08-01');
      await officer.getByLabel('Kabupaten/kota asal', { exact: true }).selectOption(REGENCY);
      await officer.getByRole('button', { name: 'Simpan pekerja' }).click();
      await expect(dateOfBirth.getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await fieldError(dateOfBirth)).toContain('Tidak sesuai dengan tanggal lahir dalam NIK');
      expect(await officer.getByText('Pekerja berhasil didaftarkan.').count()).toBe(0);

      await dateOfBirth.fill(WORKER.dateOfBirth);
      await expect(dateOfBirth.getAttribute('aria-invalid')).resolves.toBeNull();
      await officer.getByRole('button', { name: 'Simpan pekerja' }).click();
      await officer.getByText('Pekerja berhasil didaftarkan.').waitFor();

      // Penempatan: register a placement for that worker, through the licensed recruiter, to Malaysia.
      await officer.getByRole('link', { name: 'Daftarkan penempatan' }).click();
      await officer.getByRole('heading', { name: 'Daftarkan penempatan', level: 1 }).waitFor();
      await officer.getByLabel('Negara tujuan', { exact: true }).selectOption(DESTINATION);
      await officer.getByLabel('Sektor', { exact: true }).selectOption('FORMAL');
      await officer.getByLabel('Jenis pemberi kerja').selectOption('LEGAL_ENTITY');
      await officer.getByLabel('Nama pemberi kerja', { exact: false }).fill('Sinar Jaya Sdn Bhd');
      await officer.getByLabel('Jabatan', { exact: true }).fill('Operator produksi');
      await officer.getByLabel('Melalui').selectOption('RECRUITER');
      await officer.getByLabel('Cari P3MI').fill('Borneo');
      const recruiterSelect = officer.getByLabel('P3MI', { exact: true });
      await recruiterSelect.locator(`option[value="${recruiter.id}"]`).waitFor({ state: 'attached' });
      await recruiterSelect.selectOption(recruiter.id);
      await officer.getByLabel('Jenis visa').selectOption('WORK');
      await officer.getByLabel('Awal kontrak', { exact: false }).fill(witaDate(30));
      const contractEnd = witaDate(30 + 2 * 365);
      await officer.getByLabel('Akhir kontrak', { exact: false }).fill(contractEnd);
      await officer.getByLabel('Rencana keberangkatan', { exact: false }).fill(`${witaDate(1)}T09:00`);
      await officer.getByRole('button', { name: 'Daftarkan penempatan' }).click();
      await officer.waitForURL(/\/penempatan\/[0-9a-f-]{36}$/);
      placementPath = new URL(officer.url()).pathname;
      await officer.getByRole('heading', { name: `Penempatan ${WORKER.fullName} ke`, level: 1 }).waitFor();

      // Evidence for one requirement: the passport, valid well past the contract's end.
      await recordEvidence(officer, 'PASSPORT_VALID', {
        documentNumber: 'C1234567',
        issuer: 'Kantor Imigrasi Banjarmasin',
        expiresOn: witaDate(5 * 365),
      });

      // Clearance is refused, with the requirements still unmet listed.
      await tryToClear(officer);
      const unmet = officer.getByRole('alert').filter({ hasText: 'Belum dapat diizinkan berangkat' });
      await unmet.waitFor();
      const unmetText = (await unmet.textContent()) ?? '';
      for (const name of UNMET_NAMES) expect(unmetText).toContain(name);
      expect(unmetText).not.toContain('Paspor berlaku');

      // The rest of the checklist, then clearance, then the departure: procedural.
      for (const [index, kind] of OFFICER_VERIFIED.entries()) {
        await recordEvidence(officer, kind, { documentNumber: `BP3MI-63/${kind}/${index + 1}` });
      }
      await changePlacement(officer, async () => {
        await tryToClear(officer);
        await officer.getByText('Penempatan diizinkan berangkat.').waitFor();
      });
      await openDeparture(officer);
      await officer.getByLabel('Waktu keberangkatan', { exact: false }).fill(witaDateTime(-5));
      await officer
        .getByLabel('Bandara/pelabuhan keberangkatan', { exact: false })
        .fill('Bandara Syamsudin Noor, Banjarbaru');
      await officer.getByRole('button', { name: 'Simpan keberangkatan' }).click();
      await officer.getByText('Keberangkatan tercatat.').waitFor();

      const cleared = await officerApi.expect<{ placement: { stage: string; procedural: boolean } }>(
        'query ConsoleSuiteStage($id: ID!) { placement(id: $id) { stage procedural } }',
        { id: placementPath.split('/').at(-1) },
      );
      expect(cleared.placement).toEqual({ stage: 'DEPARTED', procedural: true });

      // The case handler's inbox is open before the other placement departs without clearance.
      const handler = await handlerContext.newPage();
      await logIn(handler, stage.users.caseHandler, '/peringatan');
      await handler.getByRole('heading', { name: 'Peringatan', level: 1 }).waitFor();
      await handler
        .getByRole('status', { name: 'Sambungan langsung' })
        .filter({ hasText: 'Langsung' })
        .waitFor();
      let navigations = 0;
      handler.on('framenavigated', (frame) => {
        if (frame === handler.mainFrame()) navigations += 1;
      });
      await handler.evaluate(() => {
        (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const alertName = `Keberangkatan nonprosedural: ${uncleared.workerName}`;
      expect(await handler.getByRole('article', { name: alertName }).count()).toBe(0);

      await officer.goto(`/penempatan/${uncleared.id}`);
      await officer
        .getByRole('heading', { name: `Penempatan ${uncleared.workerName} ke`, level: 1 })
        .waitFor();
      await openDeparture(officer);
      await officer.getByLabel('Waktu keberangkatan', { exact: false }).fill(witaDateTime(-10));
      await officer.getByRole('button', { name: 'Simpan keberangkatan' }).click();
      await officer.getByRole('button', { name: 'Ya, catat keberangkatan nonprosedural' }).click();
      await officer.getByText('Keberangkatan tercatat.').waitFor();

      const card = handler.getByRole('article', { name: alertName });
      await card.waitFor({ timeout: 30_000 });
      expect(
        await handler.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
      ).toBe(true);
      expect(navigations).toBe(0);

      // Acknowledge, hand it to a colleague of the office by name, then resolve with a note.
      await card.getByRole('link').first().click();
      await handler.getByRole('button', { name: 'Tandai ditangani' }).click();
      await handler.getByText(/Ditangani oleh Rahmat Hidayat/).waitFor();
      await handler.getByLabel('Tugaskan kepada rekan').selectOption({ label: 'Siti Rahmawati' });
      await handler.getByRole('button', { name: 'Tugaskan', exact: true }).click();
      await handler.getByText(/Ditugaskan kepada Siti Rahmawati/).waitFor();
      const note = 'Keluarga dihubungi; P3MI dipanggil ke kantor BP3MI untuk klarifikasi.';
      await handler.getByLabel('Catatan penyelesaian').fill(note);
      await handler.getByRole('button', { name: 'Selesaikan' }).click();
      await handler.getByText(/Diselesaikan oleh Rahmat Hidayat/).waitFor();

      const handlerApi = await stage.client(stage.users.caseHandler);
      const { alerts } = await handlerApi.expect<{
        alerts: {
          edges: { node: { id: string; kind: string; status: string; resolutionNote: string | null } }[];
        };
      }>(
        'query ConsoleSuiteAlerts($placementId: ID) { alerts(first: 10, filter: { placementId: $placementId }) { edges { node { id kind status resolutionNote } } } }',
        { placementId: uncleared.id },
      );
      expect(alerts.edges.map(({ node: { id: _id, ...node } }) => node)).toEqual([
        { kind: 'NON_PROCEDURAL_DEPARTURE', status: 'RESOLVED', resolutionNote: note },
      ]);

      // The link of the alert's e-mail (<PUBLIC_URL>/alerts/<id>) opens it in the inbox, resolved as it is.
      await handler.goto(`/alerts/${alerts.edges[0].node.id}`);
      await handler.waitForURL(/\/peringatan\?status=ALL&peringatan=/);
      await handler.getByText(/Diselesaikan oleh Rahmat Hidayat/).waitFor();
    } catch (error) {
      for (const [name, context] of [
        ['officer', officerContext],
        ['case-handler', handlerContext],
      ] as const) {
        for (const page of context.pages()) await screenshot(page, `failure-${name}`).catch(() => undefined);
      }
      throw error;
    } finally {
      await officerContext.close();
      await handlerContext.close();
    }
  },
);

/** Each page of the console, with the heading it shows once loaded. */
function pages(): { name: string; path: string; heading: string | RegExp }[] {
  return [
    { name: 'pekerja', path: '/pekerja', heading: 'Pekerja' },
    { name: 'penempatan', path: '/penempatan', heading: 'Penempatan' },
    {
      name: 'penempatan-rincian',
      path: placementPath ?? `/penempatan/${uncleared.id}`,
      heading: /^Penempatan .+ ke /,
    },
    // Every status, so the alert the flow resolved is on the page.
    { name: 'peringatan', path: '/peringatan?status=ALL', heading: 'Peringatan' },
    { name: 'purna', path: '/purna', heading: /Purna/ },
    { name: 'statistik', path: '/statistik', heading: /Statistik/ },
  ];
}

async function showPage(page: Page, target: { path: string; heading: string | RegExp }): Promise<void> {
  await page.goto(target.path);
  await page.getByRole('heading', { name: target.heading, level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .getByText('Memuat…')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

suite.it('shows every page at 1280 and 360 px: labelled, readable, no sideways scrolling', async () => {
  const problems: Record<string, string[]> = {};
  for (const width of [WIDE, NARROW]) {
    const context: BrowserContext = await openContext(browser!, stage.url, width);
    try {
      const page = await context.newPage();
      await logIn(page, stage.users.officer, '/pekerja');
      await openFromNavigation(page, 'Penempatan');
      for (const target of pages()) {
        await showPage(page, target);
        await screenshot(page, target.name);
        const found = await pageProblems(page);
        if (found.length > 0) problems[`${target.name} at ${width} px`] = found;
      }
    } finally {
      await context.close();
    }
  }
  expect(problems).toEqual({});
});
