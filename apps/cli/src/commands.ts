import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AccessAdministration, AgencyKind, parseRoles } from '#lintas/access';
import {
  AuditChainBrokenError,
  AuditCheckpointError,
  parseAuditCheckpoint,
  verifyAuditTrail,
  type AuditActor,
} from '#lintas/audit';
import { loadConfig } from '#lintas/core';
import { lexicographicSortSchema, printSchema } from 'graphql';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';
import { rotateKeys } from './keys-rotate.js';
import { seedDemo } from './seed/seed-demo.js';

/** What the CLI writes to the audit trail as the actor: the operator at the terminal. */
const CLI_ACTOR: AuditActor = { type: 'cli', id: process.env.SUDO_USER ?? process.env.USER ?? null };

export type Output = (line: string) => void;

export const USAGE = `Usage: npm run --silent lintas -- <command> [options]

  migrate                         apply pending migrations
  migrate:revert                  revert the last migration
  create-agency --code C --name N --kind K [--provinces 63,64] [--regencies 6372] [--countries SA,MY]
                                  kinds: ${Object.values(AgencyKind).join(', ')}
  create-user --username U --name N --agency C --roles R1,R2
                                  the password is read from standard input (or LINTAS_PASSWORD)
  create-api-key --agency C --name N --roles PARTNER
                                  prints the key once; only its hash is kept
  deactivate-user --username U    the user can no longer log in, and every live session ends now
                                  (access and refresh tokens refused at once); a second run changes nothing
  reactivate-user --username U    lets the user log in again (ended sessions stay ended)
  set-password --username U       a new password (read from standard input or LINTAS_PASSWORD) for a
                                  user who forgot theirs or whose password leaked; ends every session
  revoke-api-key --id ID
  rotate-api-key --id ID [--overlap-hours 24]
                                  prints a new key with the same name, roles and agency, once; the
                                  old key keeps working for the overlap (0-168 hours), never after
  set-alert-channels --agency C [--webhook-url URL] [--emails a@x.go.id,b@x.go.id] [--rotate-secret]
                                  replaces both; a new webhook URL (or --rotate-secret) gets a new
                                  signing secret, printed once; an unchanged URL keeps its secret
  schema [--out schema.graphql]   write the GraphQL schema the API serves
  seed-demo [--on-start]          load the South Kalimantan demo data into an empty database (local
                                  use only; a second run changes nothing). --on-start: what start-local
                                  and compose run, skipped by LINTAS_DEMO_DATA=false, in production,
                                  when JWT_SECRET is a secret of your own, and on a database in use
  start-local                     load the demo data (unless LINTAS_DEMO_DATA=false), then start api
                                  and worker on this machine's PostgreSQL and Redis
  audit:verify [--expect SEQUENCE:HASH]
                                  walk the audit trail's hash chain and print {"valid":true,"checked":N,
                                  "lastSequence":…,"lastHash":…} (keep those two outside the database),
                                  or the first broken row and why it breaks the chain (and exit 1).
                                  --expect: a checkpoint kept from an earlier run; the row at that sequence
                                  must still be there with that hash, or the run fails with the reason
                                  checkpoint-missing (rows deleted at the end) or checkpoint-mismatch (rewritten)
  keys:rotate                     seal every worker's NIK, passport and phone numbers and every requirement's
                                  document number with the first key of PII_KEYS, and index every NIK with
                                  PII_INDEX_KEY; resumable, prints counts per table
  help                            this text
`;

export async function runCommand(argv: string[], out: Output, stdin: () => Promise<string>): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      provinces: { type: 'string' },
      regencies: { type: 'string' },
      countries: { type: 'string' },
      username: { type: 'string' },
      agency: { type: 'string' },
      roles: { type: 'string' },
      id: { type: 'string' },
      out: { type: 'string' },
      'webhook-url': { type: 'string' },
      emails: { type: 'string' },
      'rotate-secret': { type: 'boolean' },
      'on-start': { type: 'boolean' },
      'overlap-hours': { type: 'string' },
      expect: { type: 'string' },
    },
  });
  const required = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
    return value;
  };
  const list = (value: string | undefined): string[] =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  switch (command) {
    case 'migrate':
    case 'migrate:revert':
      return migrate(command === 'migrate' ? 'up' : 'down', out);
    case 'create-agency': {
      const kind = required('kind').toUpperCase();
      if (!Object.values<string>(AgencyKind).includes(kind))
        throw new UsageError(`--kind must be one of ${Object.values(AgencyKind).join(', ')}`);
      return withAdministration(async (administration) => {
        const agency = await administration.createAgency(CLI_ACTOR, {
          code: required('code'),
          name: required('name'),
          kind: kind as AgencyKind,
          provinceCodes: list(values.provinces),
          regencyCodes: list(values.regencies),
          countryCodes: list(values.countries),
        });
        out(JSON.stringify({ id: agency.id, code: agency.code, kind: agency.kind }));
      });
    }
    case 'create-user': {
      const username = required('username');
      const displayName = required('name');
      const agencyCode = required('agency');
      const roles = parseRoles(list(required('roles')));
      const password = process.env.LINTAS_PASSWORD ?? (await stdin()).replace(/\r?\n$/, '');
      return withAdministration(async (administration) => {
        const user = await administration.createUser(CLI_ACTOR, {
          username,
          displayName,
          password,
          roles,
          agencyCode,
        });
        out(JSON.stringify({ id: user.id, username: user.username, roles: user.roles }));
      });
    }
    case 'set-password': {
      const username = required('username');
      const password = process.env.LINTAS_PASSWORD ?? (await stdin()).replace(/\r?\n$/, '');
      return withAdministration(async (administration) => {
        const { user, sessionsRevoked } = await administration.setPassword(CLI_ACTOR, username, password);
        out(JSON.stringify({ id: user.id, username: user.username, sessionsRevoked }));
      });
    }
    case 'create-api-key': {
      const roles = parseRoles(list(required('roles')));
      return withAdministration(async (administration) => {
        const { apiKey, key } = await administration.createApiKey(CLI_ACTOR, {
          name: required('name'),
          agencyCode: required('agency'),
          roles,
        });
        out(
          JSON.stringify({ id: apiKey.id, key, note: 'Send as the X-Api-Key header. It is shown only now.' }),
        );
      });
    }
    case 'deactivate-user': {
      const username = required('username');
      return withAdministration(async (administration) => {
        const { user, sessionsRevoked } = await administration.deactivateUser(CLI_ACTOR, username);
        out(JSON.stringify({ id: user.id, username: user.username, active: user.active, sessionsRevoked }));
      });
    }
    case 'reactivate-user': {
      const username = required('username');
      return withAdministration(async (administration) => {
        const user = await administration.reactivateUser(CLI_ACTOR, username);
        out(JSON.stringify({ id: user.id, username: user.username, active: user.active }));
      });
    }
    case 'revoke-api-key':
      return withAdministration(async (administration) => {
        const apiKey = await administration.revokeApiKey(CLI_ACTOR, required('id'));
        out(JSON.stringify({ id: apiKey.id, revokedAt: apiKey.revokedAt }));
      });
    case 'rotate-api-key': {
      const hours = values['overlap-hours'];
      if (hours !== undefined && !/^\d+$/.test(hours)) {
        throw new UsageError('--overlap-hours must be a whole number');
      }
      return withAdministration(async (administration) => {
        const { apiKey, key, replaced } = await administration.rotateApiKey(
          CLI_ACTOR,
          required('id'),
          hours === undefined ? undefined : Number(hours),
        );
        out(
          JSON.stringify({
            id: apiKey.id,
            key,
            replaces: replaced.id,
            replacedKeyExpiresAt: replaced.expiresAt,
            note: 'Send as the X-Api-Key header. It is shown only now; the old key stops at replacedKeyExpiresAt.',
          }),
        );
      });
    }
    case 'set-alert-channels':
      return withAdministration(async (administration) => {
        const { agency, webhookSecret } = await administration.setAlertChannels(
          CLI_ACTOR,
          required('agency'),
          {
            webhookUrl: values['webhook-url'] ?? null,
            emails: list(values.emails),
            rotateSecret: values['rotate-secret'] === true,
          },
        );
        out(
          JSON.stringify({
            agency: agency.code,
            webhookUrl: agency.webhookUrl,
            emails: agency.alertEmails,
            webhookSecret,
            note: webhookSecret
              ? 'Give the secret to the receiver. It is shown only now.'
              : agency.webhookUrl &&
                'The webhook URL is unchanged and keeps its secret (--rotate-secret for a new one).',
          }),
        );
      });
    case 'schema':
      return writeSchema(values.out ?? 'schema.graphql', out);
    case 'seed-demo':
      return seedDemo(CLI_ACTOR, { onStart: values['on-start'] === true }, out);
    case 'start-local':
      await seedDemo(CLI_ACTOR, { onStart: true }, out);
      return startLocal();
    case 'audit:verify': {
      const checkpoint = values.expect === undefined ? null : parseAuditCheckpoint(values.expect);
      if (values.expect !== undefined && !checkpoint) {
        throw new UsageError(
          '--expect must be <sequence>:<hash>, as a valid run printed them (lastSequence, lastHash)',
        );
      }
      const dataSource = await new DataSource(lintasDataSourceOptions(loadConfig())).initialize();
      try {
        const verification = await verifyAuditTrail(dataSource.manager, checkpoint);
        out(JSON.stringify(verification));
        if ('firstBroken' in verification) throw new AuditChainBrokenError(verification.firstBroken);
        if ('reason' in verification) {
          throw new AuditCheckpointError(verification.reason, verification.checkpoint, verification.detail);
        }
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'keys:rotate':
      return rotateKeys(out);
    case 'help':
      out(USAGE);
      return;
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  }
}

export class UsageError extends Error {}

async function migrate(direction: 'up' | 'down', out: Output): Promise<void> {
  const config = loadConfig();
  if (direction === 'up') await createDatabaseIfMissing(config.DATABASE_URL, out);
  const dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
  try {
    if (direction === 'up') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      out(JSON.stringify({ applied: applied.map((migration) => migration.name) }));
    } else {
      await dataSource.undoLastMigration({ transaction: 'each' });
      out(JSON.stringify({ reverted: 'last migration' }));
    }
  } finally {
    await dataSource.destroy();
  }
}

/** A new machine has PostgreSQL but not yet the lintas database: the first migration makes it. */
async function createDatabaseIfMissing(databaseUrl: string, out: Output): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      out(JSON.stringify({ created: name }));
    }
  } finally {
    await client.end();
  }
}

async function withAdministration(
  work: (administration: AccessAdministration) => Promise<void>,
): Promise<void> {
  // Imported on demand: each app module registers its DataSource when loaded, and a command needs one.
  const { CliModule } = await import('./cli.module.js');
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    await work(context.get(AccessAdministration));
  } finally {
    await context.close();
  }
}

async function writeSchema(path: string, out: Output): Promise<void> {
  const { ApiModule } = await import('../../api/src/api.module.js');
  const context = await NestFactory.createApplicationContext(ApiModule, { logger: ['error'] });
  try {
    await context.init();
    const schema = context.get(GraphQLSchemaHost).schema;
    await writeFile(path, printSchema(lexicographicSortSchema(schema)));
    out(JSON.stringify({ wrote: path }));
  } finally {
    await context.close();
  }
}

/** Runs api and worker side by side, passing signals on, and ends when either ends. */
function startLocal(): Promise<void> {
  const children = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'].map((script) =>
    spawn(process.execPath, [script], { stdio: 'inherit' }),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => children.forEach((child) => child.kill(signal)));
  }
  return new Promise((resolve, reject) => {
    for (const child of children) {
      child.once('exit', (code) => {
        children.forEach((other) => other.kill('SIGTERM'));
        if (code === 0 || code === null) resolve();
        else reject(new Error(`a process exited with code ${code}`));
      });
    }
  });
}
