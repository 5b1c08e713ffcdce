import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { loadConfig, PiiCipher } from '#lintas/core';
import { openWorkerPii, type SealedWorkerPii } from '#lintas/registry';
import type { DataSource } from 'typeorm';
import { agencyWithUser, cli, nikFor, type Officer } from './support/factories.js';
import { registerPlacement, type PlacementHandle } from './support/placements.js';
import {
  bearer,
  graphql,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type GraphqlResponse,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const REGISTER = `mutation Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id } }`;
const BY_NIK = `query ByNik($nik: String!) { workerByNik(nik: $nik) { id nik phone passportNumber } }`;
const RECORD_REQUIREMENT = `mutation Record($placementId: ID!, $version: Int!, $input: RequirementInput!) {
  recordRequirement(placementId: $placementId, version: $version, input: $input) { id version }
}`;
const REQUIREMENTS = `query Requirements($id: ID!) { placement(id: $id) { requirements { kind documentNumber } } }`;
const WORKERS = `query Workers($after: String) {
  workers(first: 100, after: $after) {
    totalCount
    edges { node { id nik phone passportNumber nextOfKin { name relationship phone } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface WorkerRead {
  id: string;
  nik: string | null;
  phone: string | null;
  passportNumber: string | null;
  nextOfKin: { name: string; relationship: string; phone: string | null } | null;
}

/** A worker's sealed details, as openWorkerPii reads them. */
const SEALED = `nik_ciphertext AS "nikCiphertext", phone_ciphertext AS "phoneCiphertext",
  passport_number_ciphertext AS "passportNumberCiphertext", next_of_kin_ciphertext AS "nextOfKinCiphertext"`;

type Kind = 'NIK' | 'passport' | 'phone' | 'next of kin phone' | 'document number';

/**
 * Evidence recorded for Siti's placement: her passport, then the passport that replaced it, and a
 * work visa. A passport's number is a worker's as much as on the worker's own record.
 */
const EVIDENCE = [
  { kind: 'PASSPORT_VALID', status: 'SATISFIED', documentNumber: 'X7301455', expiresOn: '2034-01-31' },
  { kind: 'PASSPORT_VALID', status: 'SATISFIED', documentNumber: 'X7301466', expiresOn: '2035-06-30' },
  { kind: 'WORK_VISA', status: 'SATISFIED', documentNumber: 'VISA/SA/7301-0099', expiresOn: '2028-01-31' },
];

/** Every requirement's document number, in clear, by requirement id. */
async function documentNumbers(dataSource: DataSource, cipher: PiiCipher): Promise<Map<string, string>> {
  const rows = await dataSource.query<{ id: string; envelope: string }[]>(
    `SELECT id, document_number_ciphertext AS envelope FROM requirement
      WHERE document_number_ciphertext IS NOT NULL`,
  );
  return new Map(rows.map((row) => [row.id, cipher.decrypt('requirement.document_number', row.envelope)]));
}

/** A value found where it must not be: its kind, the table, and the value masked but for 4 characters. */
interface Leak {
  kind: Kind;
  table: string;
  value: string;
}

/** The data of each table in a plain-text pg_dump, and the digit runs in it (how NIKs, passports and phones are written). */
function tablesOf(dump: string): Map<string, { text: string; runs: Set<string> }> {
  const tables = new Map<string, { text: string; runs: Set<string> }>();
  for (const [, table = '', text = ''] of dump.matchAll(
    /^COPY public\.(\w+) [^\n]* FROM stdin;\n([\s\S]*?)^\\\.$/gm,
  )) {
    // A run with and without the letter or + before it: `C1234567`, `+6284…`, and the digits alone.
    const runs = new Set(
      text.match(/[A-Z+]?\d{7,}/g)?.flatMap((run) => [run, run.replace(/^[A-Z+]/, '')]) ?? [],
    );
    tables.set(table, { text, runs });
  }
  return tables;
}

const masked = (value: string): string => `${'*'.repeat(Math.max(value.length - 4, 0))}${value.slice(-4)}`;

describe('personal details at rest: NIK, passport and phone numbers are encrypted', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officer: Officer;
  let token: string;
  const registered: Record<string, unknown>[] = [];
  let sitiId: string;
  let sitiPlacement: PlacementHandle;

  const readAll = async (): Promise<Map<string, WorkerRead>> => {
    const all = new Map<string, WorkerRead>();
    let after: string | null = null;
    for (;;) {
      const page: GraphqlResponse<{ workers: WorkersPage }> = await graphql(
        api.app,
        WORKERS,
        // Unset rather than null: an explicit null cursor is refused (core's cursor codec).
        after === null ? {} : { after },
        bearer(token),
      );
      if (!page.data) throw new Error(`workers failed: ${JSON.stringify(page.errors)}`);
      for (const { node } of page.data.workers.edges) all.set(node.id, node);
      if (!page.data.workers.pageInfo.hasNextPage) return all;
      after = page.data.workers.pageInfo.endCursor;
    }
  };
  const dump = async (): Promise<string> =>
    (
      await promisify(execFile)('/usr/bin/pg_dump', ['--no-owner', '--dbname', environment.database.url], {
        maxBuffer: 512 * 1024 * 1024,
      })
    ).stdout;
  const restartApi = async (): Promise<void> => {
    await api.close();
    api = await startTestApi();
    token = await loginAs(api.app, officer);
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    // The demo fills an empty database only: it goes first.
    await cli(['seed-demo']);
    api = await startTestApi();
    officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    token = await loginAs(api.app, officer);
    registered.push(
      {
        nik: nikFor('6372', '1995-08-01', 'FEMALE', 7301),
        fullName: 'Siti Aminah Rahayu',
        sex: 'FEMALE',
        dateOfBirth: '1995-08-01',
        originRegencyCode: '6372',
        phone: '+62 812 7301 4455',
        passportNumber: 'X7301455',
        nextOfKin: { name: 'Ahmad Fauzi', relationship: 'spouse', phone: '+62 813 7301 6677' },
      },
      {
        nik: nikFor('6371', '1990-03-15', 'MALE', 7302),
        fullName: 'Budi Santoso Wijaya',
        sex: 'MALE',
        dateOfBirth: '1990-03-15',
        originRegencyCode: '6371',
        phone: '081273029988',
        passportNumber: 'Y7302998',
      },
    );
    const ids: string[] = [];
    for (const input of registered) {
      const response = await graphql<{ registerWorker: { id: string } }>(
        api.app,
        REGISTER,
        { input },
        bearer(token),
      );
      expect(response.errors).toBeUndefined();
      ids.push(response.data!.registerWorker.id);
    }
    [sitiId] = ids;
    sitiPlacement = await registerPlacement(api.app, bearer(token), sitiId, 'SA');
    for (const input of EVIDENCE) {
      const response = await graphql<{ recordRequirement: PlacementHandle }>(
        api.app,
        RECORD_REQUIREMENT,
        { placementId: sitiPlacement.id, version: sitiPlacement.version, input },
        bearer(token),
      );
      expect(response.errors).toBeUndefined();
      sitiPlacement = response.data!.recordRequirement;
    }
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('leaves no NIK, passport, phone or document number in clear in a pg_dump of the database', async () => {
    const cipher = api.app.get(PiiCipher);
    const rows = await api.dataSource.query<Omit<SealedWorkerPii, 'nikIndex'>[]>(
      `SELECT ${SEALED} FROM worker`,
    );
    const demo = rows.map((row) => openWorkerPii(cipher, row));
    expect(demo.length).toBeGreaterThan(2000);
    const values: [Kind, string][] = demo.flatMap((pii): [Kind, string][] => [
      ...(pii.nik ? [['NIK', pii.nik] as [Kind, string]] : []),
      ...(pii.passportNumber ? [['passport', pii.passportNumber] as [Kind, string]] : []),
      ...(pii.phone ? [['phone', pii.phone] as [Kind, string]] : []),
      ...(pii.nextOfKin?.phone ? [['next of kin phone', pii.nextOfKin.phone] as [Kind, string]] : []),
    ]);
    expect(values.filter(([kind]) => kind === 'passport').length).toBeGreaterThan(100);
    // The demo's evidence: passports (the workers' own, above), visas, certificates, contracts.
    const numbers = [...(await documentNumbers(api.dataSource, cipher)).values()];
    expect(numbers.length).toBeGreaterThan(1000);

    const text = await dump();
    const tables = tablesOf(text);
    // The dump does hold what is stored in clear: the scan reads real data.
    expect(tables.get('worker')?.text).toContain('Siti Aminah Rahayu');
    expect(tables.size).toBeGreaterThan(15);

    const leaks: Leak[] = [];
    for (const [kind, value] of values) {
      for (const [table, { runs }] of tables) {
        // A passport's 7 digits alone are too short to tell from other numbers (a run inside a UUID).
        const digits = kind === 'passport' ? value : value.replace(/\D/g, '');
        if (runs.has(value) || runs.has(digits)) leaks.push({ kind, table, value: masked(value) });
      }
    }
    // The demo's other document numbers (`MCU/12345/2025`, …), wherever they might be written.
    const written = new Set(text.match(/[\w.]+\/\d{5}\/\d{4}/g));
    expect(numbers.filter((number) => number.includes('/')).length).toBeGreaterThan(1000);
    for (const number of numbers) {
      if (written.has(number))
        leaks.push({ kind: 'document number', table: '(anywhere)', value: masked(number) });
    }
    // The registered workers' values and the evidence recorded through the API (so its audit
    // events are in the dump too): as typed, and NIKs and phones as digits alone (a passport's
    // 7 digits alone could match inside a UUID).
    const typed: [Kind, unknown][] = EVIDENCE.map((input) => ['document number', input.documentNumber]);
    for (const input of registered) {
      const kin = input.nextOfKin as { phone?: string } | undefined;
      typed.push(
        ['NIK', input.nik],
        ['passport', input.passportNumber],
        ['phone', input.phone],
        ['next of kin phone', kin?.phone],
      );
    }
    for (const [kind, value] of typed) {
      if (typeof value !== 'string') continue;
      const forms = kind === 'NIK' || kind.endsWith('phone') ? [value, value.replace(/\D/g, '')] : [value];
      for (const form of new Set(forms)) {
        if (text.includes(form)) leaks.push({ kind, table: '(anywhere)', value: masked(form) });
      }
    }
    expect(leaks).toEqual([]);

    // And the scan finds a NIK where one is written in clear.
    const canary = nikFor('6372', '1999-09-09', 'MALE', 9999);
    await api.dataSource.query(`UPDATE agency SET name = name || ' ' || $1 WHERE code = $2`, [
      canary,
      officer.agencyCode,
    ]);
    expect(
      tablesOf(await dump())
        .get('agency')
        ?.runs.has(canary),
    ).toBe(true);
  });

  it('refuses a NIK, passport, phone or document number written in clear', async () => {
    const nik = String(registered[0]?.nik);
    for (const column of ['nik_ciphertext', 'phone_ciphertext', 'passport_number_ciphertext']) {
      await expect(
        api.dataSource.query(`UPDATE worker SET ${column} = $1 WHERE full_name = 'Siti Aminah Rahayu'`, [
          nik,
        ]),
      ).rejects.toThrow(/worker_pii_sealed_check/);
    }
    await expect(
      api.dataSource.query(
        `UPDATE requirement SET document_number_ciphertext = $1 WHERE placement_id = $2 AND kind = 'PASSPORT_VALID'`,
        [registered[0]?.passportNumber, sitiPlacement.id],
      ),
    ).rejects.toThrow(/requirement_document_number_sealed_check/);
  });

  it('reads the details back through the API, finds a worker by NIK and refuses a NIK twice', async () => {
    const [siti, budi] = registered;
    const found = await graphql<{ workerByNik: WorkerRead }>(
      api.app,
      BY_NIK,
      { nik: siti?.nik },
      bearer(token),
    );
    expect(found.data?.workerByNik).toMatchObject({
      nik: siti?.nik,
      phone: siti?.phone,
      passportNumber: siti?.passportNumber,
    });
    // A demo worker, sealed by the seeder, is found by the same blind index.
    const [demo] = await api.dataSource.query<Omit<SealedWorkerPii, 'nikIndex'>[]>(
      `SELECT ${SEALED} FROM worker WHERE full_name NOT IN ($1, $2) LIMIT 1`,
      [siti?.fullName, budi?.fullName],
    );
    const demoNik = openWorkerPii(api.app.get(PiiCipher), demo).nik;
    const demoFound = await graphql<{ workerByNik: WorkerRead }>(
      api.app,
      BY_NIK,
      { nik: demoNik },
      bearer(token),
    );
    expect(demoFound.data?.workerByNik.nik).toBe(demoNik);

    const twice = await graphql(
      api.app,
      REGISTER,
      { input: { ...budi, fullName: 'Budi Santoso Wijaya', phone: '+62 811 000 0000' } },
      bearer(token),
    );
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'input.nik', message: expect.any(String) as string }],
    });
  });

  it('audits of a NIK, phone, passport, next of kin or document number only whether it is recorded or changed', async () => {
    const siti = registered[0];
    const id = sitiId;
    const update = await graphql(
      api.app,
      UPDATE,
      { id, input: { phone: '+62 812 7301 0000' } },
      bearer(token),
    );
    expect(update.errors).toBeUndefined();
    const audit = await api.dataSource.query<
      { action: string; before: unknown; after: Record<string, unknown> }[]
    >('SELECT action, before, after FROM audit_event WHERE entity_id = $1 ORDER BY sequence', [id]);
    expect(audit.map((event) => event.action)).toEqual(['worker.registered', 'worker.updated']);
    expect(audit[0]?.after).toMatchObject({
      nikRecorded: true,
      phoneRecorded: true,
      passportNumberRecorded: true,
      nextOfKinRecorded: true,
    });
    // Not even the NIK's last digits: beside the birth date and regency they leave ~100 candidates.
    expect(audit[0]?.after).not.toHaveProperty('nik');
    expect(audit[1]?.after).toMatchObject({ piiChanged: ['phone'] });

    const evidence = await api.dataSource.query<{ before: unknown; after: Record<string, unknown> }[]>(
      `SELECT before, after FROM audit_event
        WHERE entity_id = $1 AND action = 'placement.requirement_recorded' ORDER BY sequence`,
      [sitiPlacement.id],
    );
    expect(evidence.map((event) => [event.before, event.after])).toEqual([
      [
        expect.objectContaining({ kind: 'PASSPORT_VALID', documentNumberRecorded: false }),
        expect.objectContaining({ documentNumberRecorded: true, documentNumberChanged: true }),
      ],
      [
        expect.objectContaining({ kind: 'PASSPORT_VALID', documentNumberRecorded: true }),
        expect.objectContaining({ documentNumberRecorded: true, documentNumberChanged: true }),
      ],
      [
        expect.objectContaining({ kind: 'WORK_VISA', documentNumberRecorded: false }),
        expect.objectContaining({ documentNumberRecorded: true, documentNumberChanged: true }),
      ],
    ]);
    const trail = JSON.stringify([...audit, ...evidence]);
    expect(trail).not.toContain('documentNumber"');
    expect(trail).not.toMatch(/\*{12}\d{4}/);
    const secrets = [siti.nik, siti.phone, siti.passportNumber, '+62 812 7301 0000', 'Ahmad Fauzi'];
    for (const value of [...secrets, ...EVIDENCE.map((input) => input.documentNumber)]) {
      expect(trail).not.toContain(String(value));
    }
  });

  it('keys:rotate moves every value to a new first key and index key; the old key can then be removed', async () => {
    const before = await readAll();
    const numbersBefore = await documentNumbers(api.dataSource, api.app.get(PiiCipher));
    const requirements = numbersBefore.size;
    const [{ workers }] = await api.dataSource.query<{ workers: number }[]>(
      'SELECT count(*)::int AS workers FROM worker',
    );
    expect(before.size).toBe(workers);
    const readEvidence = async (): Promise<unknown> =>
      (await graphql(api.app, REQUIREMENTS, { id: sitiPlacement.id }, bearer(token))).data;
    const evidenceBefore = await readEvidence();
    expect(JSON.stringify(evidenceBefore)).toContain(EVIDENCE[1].documentNumber);
    const developmentKeys = loadConfig().PII_KEYS;
    const newKey = `k-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`;
    const newIndexKey = randomBytes(32).toString('base64');
    const saved = { PII_KEYS: process.env.PII_KEYS, PII_INDEX_KEY: process.env.PII_INDEX_KEY };
    try {
      // The old key stays after the new one while values are moved: every app can read both.
      process.env.PII_KEYS = `${newKey},${developmentKeys}`;
      process.env.PII_INDEX_KEY = newIndexKey;
      await restartApi();
      const rotated = await cli(['keys:rotate']);
      const newKeyId = newKey.split(':')[0];
      const indexKeyId = api.app.get(PiiCipher).indexKeyId;
      expect(rotated).toMatchObject({
        activeKeyId: newKeyId,
        indexKeyId,
        reencrypted: workers + requirements,
        alreadyCurrent: 0,
        remaining: 0,
        tables: {
          worker: { reencrypted: workers, alreadyCurrent: 0, remaining: 0 },
          requirement: { reencrypted: requirements, alreadyCurrent: 0, remaining: 0 },
        },
      });
      // The key ids are random hex, so they alone may hold a run of digits; nothing else may.
      const printedBesideKeyIds = JSON.stringify(rotated).replaceAll(newKeyId, '').replaceAll(indexKeyId, '');
      expect(printedBesideKeyIds).not.toMatch(/\d{7,}/);
      const keyIds = await api.dataSource.query<{ keyId: string }[]>(
        `SELECT DISTINCT split_part(value, '.', 2) AS "keyId"
           FROM worker, unnest(ARRAY[nik_ciphertext, phone_ciphertext, passport_number_ciphertext,
                                     next_of_kin_ciphertext]) AS value
          WHERE value IS NOT NULL`,
      );
      expect(keyIds).toEqual([{ keyId: newKeyId }]);
      const indexKeyIds = await api.dataSource.query<{ keyId: string }[]>(
        `SELECT DISTINCT split_part(nik_index, '.', 1) AS "keyId" FROM worker WHERE nik_index IS NOT NULL`,
      );
      expect(indexKeyIds).toEqual([{ keyId: indexKeyId }]);
      const requirementKeyIds = await api.dataSource.query<{ keyId: string }[]>(
        `SELECT DISTINCT split_part(document_number_ciphertext, '.', 2) AS "keyId"
           FROM requirement WHERE document_number_ciphertext IS NOT NULL`,
      );
      expect(requirementKeyIds).toEqual([{ keyId: newKeyId }]);

      // Again: nothing left to do.
      expect(await cli(['keys:rotate'])).toMatchObject({
        reencrypted: 0,
        alreadyCurrent: workers + requirements,
        remaining: 0,
        tables: {
          worker: { reencrypted: 0, alreadyCurrent: workers },
          requirement: { reencrypted: 0, alreadyCurrent: requirements },
        },
      });

      // The old key removed, every worker still reads back as before, and is still found by NIK.
      process.env.PII_KEYS = newKey;
      await restartApi();
      expect(await readAll()).toEqual(before);
      expect(await documentNumbers(api.dataSource, api.app.get(PiiCipher))).toEqual(numbersBefore);
      expect(await readEvidence()).toEqual(evidenceBefore);
      const siti = registered[0];
      const found = await graphql<{ workerByNik: WorkerRead }>(
        api.app,
        BY_NIK,
        { nik: siti.nik },
        bearer(token),
      );
      expect(found.data?.workerByNik.nik).toBe(siti.nik);
      const twice = await graphql(api.app, REGISTER, { input: siti }, bearer(token));
      expect(twice.errors?.[0]?.extensions.code).toBe('CONFLICT');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 120_000);
});

interface WorkersPage {
  totalCount: number;
  edges: { node: WorkerRead }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
