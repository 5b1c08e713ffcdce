import { appendFile, readFile, rm, stat } from 'node:fs/promises';
import pg from 'pg';
import { pino } from 'pino';
import { agencyWithUser, nikFor, workerInput } from './support/factories.js';
import { describeFindings, PiiLedger, scanLog } from './support/log-scan.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
} from './support/test-api.js';
import { POSTGRES_URL } from './support/test-database.js';

const NIK = nikFor('6372', '1995-08-01', 'FEMALE', 41);
const PASSPORT = 'C7654321';
const PHONE = '+62 812 3456 7890';
const KIN_PHONE = '0813-9876-5432';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ level: 'info', time: '2026-11-25T10:00:00.000Z', service: 'api', ...fields });

describe('the PII scan of a test file’s logs', () => {
  const ledger = new PiiLedger();
  ledger.record({
    input: {
      nik: NIK,
      passportNumber: PASSPORT,
      phone: PHONE,
      nextOfKin: { name: 'Ahmad', phone: KIN_PHONE },
    },
  });

  it('collects NIKs, passports, phones and document numbers at any depth, but not masked or bad input', () => {
    const collected = new PiiLedger();
    collected.record({
      input: { nik: NIK, nextOfKin: { phone: KIN_PHONE }, documents: [{ passportNumber: PASSPORT }] },
    });
    collected.record({ input: { kind: 'PASSPORT_VALID', status: 'SATISFIED', documentNumber: 'X1234567' } });
    collected.record({ input: { kind: 'MEDICAL_FIT', documentNumber: 'MCU-2025-0001' } });
    collected.record({ worker: { nik: '************0041', phone: null }, bad: { nik: '1' } });
    expect(Object.fromEntries(collected.entries())).toEqual({
      [NIK]: 'NIK',
      [KIN_PHONE]: 'phone number',
      [PASSPORT]: 'passport number',
      X1234567: 'passport number',
      'MCU-2025-0001': 'document number',
    });
  });

  it('reports a NIK in a log line by kind, masked value, line, service and field', () => {
    const log = [
      line({ message: 'request completed' }),
      line({ service: 'worker', err: { message: `duplicate key (nik)=(${NIK})` }, message: 'job failed' }),
    ].join('\n');
    const findings = scanLog(log, ledger);
    expect(findings).toEqual([
      { kind: 'NIK', masked: '************0041', line: 2, service: 'worker', field: 'err.message' },
    ]);
    const report = describeFindings(findings, '/tmp/some.log');
    expect(report).toContain('NIK ************0041 at line 2, service worker, field err.message');
    expect(report).not.toContain(NIK);
  });

  it('finds a phone number however it was spelled, and a passport number in any case', () => {
    const log = [
      line({ message: 'sms to 6281234567890 failed' }),
      line({ message: 'calling 081398765432' }),
      line({ message: `passport ${PASSPORT.toLowerCase()} checked` }),
    ].join('\n');
    expect(scanLog(log, ledger).map((finding) => [finding.kind, finding.line])).toEqual([
      ['phone number', 1],
      ['phone number', 2],
      ['passport number', 3],
    ]);
  });

  it('does not mistake the same characters inside a longer token, or redacted values, for PII', () => {
    const log = [
      line({ alertId: `9c7654321-0000-4000-8000-0000${PASSPORT.slice(1)}0`, message: 'alert raised' }),
      line({ message: 'registration of [redacted] (phone [redacted]) refused', nik: '[redacted]' }),
    ].join('\n');
    expect(scanLog(log, ledger)).toEqual([]);
  });
});

describe('a test environment’s logs', () => {
  it('hold the apps’ debug lines, and pass the scan after a run that used NIKs, passports and phones', async () => {
    const environment = await useTestEnvironment();
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const api = await startTestApi();
    try {
      const headers = bearer(await loginAs(api.app, officer));
      const input = workerInput(
        { serial: 41, dateOfBirth: '1995-08-01' },
        {
          passportNumber: PASSPORT,
          phone: PHONE,
          nextOfKin: { name: 'Ahmad', phone: KIN_PHONE, relationship: 'spouse' },
        },
      );
      await registerWorker(api.app, headers, input);
      // Refusals echo what was sent back to the caller: they must still not reach the logs.
      const duplicate = await graphql(
        api.app,
        'mutation R($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }',
        { input },
        headers,
      );
      expect(duplicate.errors?.[0]?.extensions.code).toBe('CONFLICT');
      const badPhone = await graphql(
        api.app,
        'mutation R($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }',
        { input: { ...input, nik: nikFor('6372', '1995-08-01', 'FEMALE', 42), phone: `${PHONE} ext` } },
        headers,
      );
      expect(badPhone.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const found = await graphql<{ workerByNik: { id: string } | null }>(
        api.app,
        'query W($nik: String!) { workerByNik(nik: $nik) { id } }',
        { nik: input.nik },
        headers,
      );
      expect(found.data?.workerByNik?.id).toEqual(expect.any(String));
    } finally {
      await api.close();
    }

    const lines = (await readFile(environment.logFile, 'utf8'))
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines.map((entry) => entry.service)).toContain('api');
    expect(lines.filter((entry) => entry.message === 'request completed').length).toBeGreaterThanOrEqual(4);
    await expect(environment.release()).resolves.toBeUndefined();
    await expect(stat(environment.logFile)).rejects.toThrow('ENOENT');
  });

  it('fail the release when a line holds a NIK the file used, naming it masked, yet drop the database', async () => {
    const environment = await useTestEnvironment();
    // What a logger that does not redact would write: the scan is the net under the redaction.
    pino(
      { base: { service: 'api' }, messageKey: 'message' },
      pino.destination({ dest: environment.logFile, append: true, sync: true, mkdir: true }),
    ).warn(`registration of ${NIK} refused`);
    await appendFile(environment.logFile, 'not json, but still phone 0813 9876 5432 \n');

    const failure = await environment.release().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toContain(`the log is kept at ${environment.logFile}`);
    expect(failure?.message).toContain('NIK ************0041 at line 1, service api, field message');
    expect(failure?.message).toContain('phone number **********5432 at line 2');
    expect(failure?.message).not.toContain(NIK);
    const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
    await client.connect();
    try {
      const left = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        environment.database.name,
      ]);
      expect(left.rowCount).toBe(0);
    } finally {
      await client.end();
    }
    await rm(environment.logFile);
  });
});
