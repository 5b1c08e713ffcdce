import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import type { GraphQLField } from 'graphql';
import { cli } from './support/factories.js';
import { MutationInputs, type FuzzInput } from './support/fuzz/mutation-inputs.js';
import { inlined, withVariables, type Operation } from './support/fuzz/operation.js';
import { changedTables, TableFingerprints, type Fingerprint } from './support/fuzz/table-fingerprints.js';
import { buildWorld, type FuzzWorld } from './support/fuzz/world.js';
import {
  bearer,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

/**
 * Every mutation of the served schema, sent generated malformed input: wrong types, huge strings,
 * control characters, lone surrogates, confusables, SQL and script fragments, broken dates and ids,
 * missing and unknown fields, and valid inputs with one field broken. Each must be refused with a
 * code, never INTERNAL or a 5xx, and no row of any table may change.
 *
 * FUZZ_SEED fixes the generated inputs (the ids of the records differ from run to run), FUZZ_RUNS
 * is the number of inputs per mutation (a quarter of it for those that hash a password), FUZZ_ONLY
 * restricts the run to one mutation.
 */
const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer`);
  return value;
};
const SEED = numberFromEnv('FUZZ_SEED', 20260701);
const RUNS = numberFromEnv('FUZZ_RUNS', 200);
const ONLY = process.env.FUZZ_ONLY;
/** Generous: an input costs a few milliseconds here. */
const TIMEOUT_MS = 120_000 + RUNS * 30 * 40;

type Field = GraphQLField<unknown, unknown>;

/** Mutations whose refusals are UNAUTHENTICATED by nature: wrong credentials. */
const PUBLIC = ['login', 'refreshSession'];
/**
 * Mutations that hash a password (argon2, a third of a second by design) for every input that
 * reaches them: a quarter of the runs, or they would take most of the file's time.
 */
const PASSWORD_MUTATIONS = ['login', 'changePassword'];
const shareOf = (mutation: string): number => (PASSWORD_MUTATIONS.includes(mutation) ? 0.25 : 1);
/** Inputs sent between two fingerprints of the database: a changed row names the batch. */
const BATCH = 10;
const SESSION_RENEWAL_MS = 10 * 60 * 1000;

interface Answer {
  status: number;
  body: unknown;
}

interface GraphqlError {
  message?: unknown;
  extensions?: { code?: unknown; fields?: unknown };
}

/** A query text that does not parse has no arguments yet: its error points at a location, not a field. */
const isSyntaxError = (error: GraphqlError): boolean => String(error.message).startsWith('Syntax Error:');

/** Bad input names the fields at fault (path and message), so that a client can point at them. */
const hasFields = (error: GraphqlError): boolean => {
  const fields = error.extensions?.fields;
  return (
    Array.isArray(fields) &&
    fields.length > 0 &&
    fields.every(
      (field: { path?: unknown; message?: unknown }) =>
        typeof field.path === 'string' && typeof field.message === 'string',
    )
  );
};

const errorsOf = (answer: Answer): GraphqlError[] => {
  const errors = (answer.body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as GraphqlError[]) : [];
};

/** Each mutation its own sequence: adding a mutation leaves the others' inputs as they were. */
function seedOf(mutation: string): number {
  let hash = SEED | 0;
  for (const character of mutation) hash = Math.imul(hash ^ character.charCodeAt(0), 16_777_619);
  return hash | 0;
}

/** JSON with long strings cut: a failure message that names a 100,000-character input stays readable. */
function preview(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'string' && inner.length > 120
      ? `${inner.slice(0, 60)}…(${inner.length} characters)`
      : inner,
  );
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

describe('every mutation, fuzzed with malformed input', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let world: FuzzWorld;
  let mutations: Field[];
  let inputs: MutationInputs;
  let fingerprints: TableFingerprints;
  let port: number;
  // Fastify's inject would skip the socket, but under jest on Node 20 it cannot load its ESM-only
  // cookie parser; one kept-alive loopback connection costs little more.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  const pinnedOf = (mutation: string): Record<string, unknown> =>
    Object.fromEntries(
      (world.pinned[mutation] ?? []).map((name) => [name, world.validInputs[mutation]?.[name]]),
    );

  const send = (operation: Operation, headers: Record<string, string>): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // Not JSON: kept as text, for the failure message.
            }
            resolve({ status: response.statusCode ?? 0, body });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify(operation));
    });

  beforeAll(async () => {
    // Many failed logins from one address are the point here, not an attack to throttle.
    environment = await useTestEnvironment({
      LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
      // Wrong current passwords for changePassword reach its count now and then; a lockout would be audited.
      LOGIN_MAX_FAILURES: '100',
    });
    await cli(['migrate']);
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    world = await buildWorld(api.app, api.dataSource);
    const mutationType = api.app.get(GraphQLSchemaHost).schema.getMutationType();
    mutations = Object.values(mutationType?.getFields() ?? {}).filter(
      (field) => !ONLY || field.name === ONLY,
    );
    inputs = new MutationInputs(world.ids);
    fingerprints = await TableFingerprints.of(api.dataSource);
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await api?.close();
    await environment?.release();
  });

  it('has a generator for every mutation and every type its arguments use', () => {
    expect(mutations.length).toBeGreaterThan(0);
    expect(mutations.map((field) => field.name).filter((name) => !world.validInputs[name])).toEqual([]);
    for (const field of mutations) inputs.cover(field);
    const served = new Set(mutations.map((field) => field.name));
    if (!ONLY) expect(Object.keys(world.validInputs).filter((name) => !served.has(name))).toEqual([]);
  });

  it(
    `refuses about ${RUNS} malformed inputs per mutation with a code, and changes no row`,
    async () => {
      const failures: string[] = [];
      const codes: string[] = [];
      let sent = 0;
      const started = Date.now();
      let session = { headers: bearer(await loginAs(api.app, world.caller)), at: Date.now() };
      for (const field of mutations) {
        // A long nightly run outlives an access token: a new session before it does.
        if (Date.now() - session.at > SESSION_RENEWAL_MS) {
          session = { headers: bearer(await loginAs(api.app, world.caller)), at: Date.now() };
        }
        const { headers } = session;
        let current: Fingerprint = await fingerprints.take();
        const tally = new Map<string, number>();
        const oneCase = fc.record({
          input: fc.oneof(
            inputs.malformed(field, pinnedOf(field.name)),
            inputs.almostRight(field, world.validInputs[field.name]),
          ),
          // Clients must send variables; a share is inlined so the scalars' literal parsing is fuzzed too.
          inline: fc.nat(3).map((draw) => draw === 0),
        });
        const property = fc.asyncProperty(
          fc.array(oneCase, { minLength: BATCH, maxLength: BATCH }),
          async (batch: { input: FuzzInput; inline: boolean }[]) => {
            const problems: string[] = [];
            for (const [index, { input, inline }] of batch.entries()) {
              sent += 1;
              const operation = inline ? inlined(field, input.args) : withVariables(field, input.args);
              const answer = await send(operation, headers);
              const errors = errorsOf(answer);
              const code = errors.length > 0 ? String(errors[0]?.extensions?.code) : `HTTP ${answer.status}`;
              tally.set(code, (tally.get(code) ?? 0) + 1);
              const wrong: string[] = [];
              if (answer.status >= 500) wrong.push(`HTTP ${answer.status}`);
              for (const error of errors) {
                const errorCode = error.extensions?.code;
                if (typeof errorCode !== 'string')
                  wrong.push(`an error without a code: ${String(error.message)}`);
                else if (errorCode === 'INTERNAL') wrong.push('an INTERNAL error');
                else if (errorCode === 'BAD_USER_INPUT' && !isSyntaxError(error) && !hasFields(error)) {
                  wrong.push(`BAD_USER_INPUT without fields: ${String(error.message)}`);
                }
              }
              if (wrong.length > 0) {
                problems.push(
                  `${wrong.join('; ')} for input ${index} (${input.how}, ${inline ? 'inlined' : 'as variables'})` +
                    `\n      answer: HTTP ${answer.status} ${preview(answer.body)}`,
                );
              }
            }
            const after = await fingerprints.take();
            const changed = changedTables(current, after);
            current = after;
            if (changed.length > 0) {
              problems.push(
                `rows changed in ${changed.join(', ')} by one of the inputs:` +
                  batch.map(({ input }, index) => `\n      ${index}: ${input.how}`).join(''),
              );
            }
            if (problems.length > 0) throw new Error(problems.join('\n    '));
          },
        );
        const seed = seedOf(field.name);
        const numRuns = Math.ceil((RUNS * shareOf(field.name)) / BATCH);
        const details = await fc.check(property, { seed, numRuns, endOnFailure: true });
        if (details.failed) {
          const batch = details.counterexample?.[0] ?? [];
          failures.push(
            `${field.name}: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}` +
              batch.map(({ input }, index) => `\n    args ${index}: ${preview(input.args)}`).join('') +
              `\n    reproduce: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_ONLY=${field.name}` +
              ` (fast-check seed ${seed}, path ${details.counterexamplePath})`,
          );
        }
        codes.push(`${field.name}: ${[...tally].map(([code, count]) => `${code} ${count}`).join(', ')}`);
        if (tally.size === 1 && tally.has('UNAUTHENTICATED') && !PUBLIC.includes(field.name)) {
          failures.push(
            `${field.name}: every input was refused as UNAUTHENTICATED; the fuzz never reached validation`,
          );
        }
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `mutation fuzz: ${sent} inputs to ${mutations.length} mutations in ${seconds} s ` +
          `(FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})\n  ${codes.join('\n  ')}\n`,
      );
      expect(failures).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it('accepts, as they are, the valid inputs it broke: each refusal came from the broken field', async () => {
    const headers = bearer(await loginAs(api.app, world.caller));
    const refused: string[] = [];
    // login's input names no account (a wrong password for a real one would count towards its lockout).
    // A password change ends the other sessions, and a logout this one: they go last.
    const last = ['changePassword', 'logout'];
    const order = mutations
      .filter((mutation) => mutation.name !== 'login')
      .sort((a, b) => last.indexOf(a.name) - last.indexOf(b.name));
    for (const field of order) {
      const before = await fingerprints.take();
      const answer = await send(withVariables(field, world.validInputs[field.name]), headers);
      const changed = changedTables(before, await fingerprints.take());
      if (errorsOf(answer).length > 0 || changed.length === 0) {
        refused.push(`${field.name}: HTTP ${answer.status} ${preview(answer.body)}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
