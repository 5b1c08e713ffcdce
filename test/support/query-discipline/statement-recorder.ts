import { currentRequestId } from '#lintas/core';
import type pg from 'pg';
import type { DataSource } from 'typeorm';

/** One statement as the driver sent it, with the HTTP request it served (undefined: none). */
export interface RecordedStatement {
  requestId: string | undefined;
  text: string;
  values: unknown[];
}

type QueryFunction = (...args: unknown[]) => unknown;

/** Marks a client whose `query` is already wrapped: the pool hands the same clients out again. */
const WRAPPED = Symbol('statement-recorder');

/**
 * Records every statement the app's DataSource sends, through the real pg clients of its pool:
 * BEGIN and COMMIT, authentication, pages and batches alike. Each is tagged with the request id
 * the API keeps in its async context, so background work (the outbox relay, a live connection's
 * recheck) is never counted against a request.
 */
export class StatementRecorder {
  private readonly recorded: RecordedStatement[] = [];

  private constructor() {}

  static attach(dataSource: DataSource): StatementRecorder {
    const recorder = new StatementRecorder();
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
    const patched = (...args: unknown[]): unknown => {
      const [callback] = args;
      if (typeof callback === 'function') {
        return connect((error: Error | undefined, client: pg.PoolClient | undefined, release: unknown) => {
          if (client) recorder.wrap(client);
          (callback as (...results: unknown[]) => void)(error, client, release);
        });
      }
      return (connect() as Promise<pg.PoolClient>).then((client) => recorder.wrap(client));
    };
    Object.assign(pool, { connect: patched });
    return recorder;
  }

  /** The statements sent for one request, in order. */
  of(requestId: string): RecordedStatement[] {
    return this.recorded.filter((statement) => statement.requestId === requestId);
  }

  private wrap(client: pg.PoolClient): pg.PoolClient {
    const holder = client as unknown as Record<symbol, boolean> & { query: QueryFunction };
    if (holder[WRAPPED]) return client;
    const query = holder.query.bind(client);
    holder.query = (...args: unknown[]): unknown => {
      this.recorded.push({ requestId: currentRequestId(), ...statementOf(args) });
      return query(...args);
    };
    holder[WRAPPED] = true;
    return client;
  }
}

/** pg's query takes a text and values, or a config object holding them. */
function statementOf(args: unknown[]): { text: string; values: unknown[] } {
  const [first, second] = args;
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  const config = first as { text?: string; values?: unknown[] };
  return { text: config.text ?? '', values: config.values ?? (Array.isArray(second) ? second : []) };
}
