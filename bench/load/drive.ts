/**
 * One load run: autocannon in the harness process (never inside a server), a fixed duration at a
 * fixed concurrency or rate. Errors are counted, not hidden: a status other than 2xx, a GraphQL
 * `errors` member, a connection error or a timeout each count once. The throughput counts only
 * the successful answers: a server that fails fast must not look fast.
 *
 * Latencies are taken from every response and the percentiles computed exactly: autocannon's own
 * histogram has no p95, and with a rate it "corrects" each latency with an expected interval of
 * ceil(1 / per-connection rate) = 1 ms, which fills the histogram with made-up small values.
 */
import autocannon from 'autocannon';

export interface OutgoingRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Makes each request afresh (a new input, another worker), so no two requests need be the same. */
export type RequestSource = () => OutgoingRequest;

export interface DriveSettings {
  durationSeconds: number;
  connections: number;
  /** Requests per second over all connections; without it, as fast as the server answers. */
  overallRate?: number;
}

export interface Measurement {
  /** Every answer, successful or not. */
  requests: number;
  /** Successful answers (2xx without GraphQL errors) per second. */
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** How many of each kind of error: `status 500`, `graphql CONFLICT`, `connection`, `timeout`. */
  errorKinds: Record<string, number>;
  /** CPU the harness process used, in % of one core: near 100 means the load generator limited the run. */
  harnessCpuPercent: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** The error codes of a GraphQL answer, without its messages (they may quote input). */
function graphqlErrorCodes(body: string): string[] {
  if (!body.includes('"errors":')) return [];
  try {
    const answer = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return (answer.errors ?? []).map((error) => error.extensions?.code ?? 'UNKNOWN');
  } catch {
    return ['UNPARSEABLE'];
  }
}

export async function drive(
  url: string,
  source: RequestSource,
  settings: DriveSettings,
): Promise<Measurement> {
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  const count = (kind: string): void => {
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  let succeeded = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let finished: (result: autocannon.Result) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url,
      connections: settings.connections,
      duration: settings.durationSeconds,
      overallRate: settings.overallRate,
      ...(settings.overallRate === undefined ? {} : { ignoreCoordinatedOmission: true }),
      timeout: 10,
      requests: [
        {
          setupRequest: (request) => Object.assign(request, source()),
          onResponse: (status, body) => {
            if (status < 200 || status > 299) {
              count(`status ${status}`);
              return;
            }
            const codes = graphqlErrorCodes(body);
            for (const code of codes) count(`graphql ${code}`);
            if (codes.length === 0) succeeded += 1;
          },
        },
      ],
    },
    (error: unknown, result) => (error ? failed(error) : finished(result)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  instance.on('reqError', (error: unknown) =>
    count(error instanceof Error && /timeout/i.test(error.message) ? 'timeout' : 'connection'),
  );
  const result = await done;
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  if (latencies.length === 0) {
    // Not one answer within the run: every latency is at least its length, and each connection failed.
    count('no answer within the run');
    latencies.push(...Array.from({ length: settings.connections }, () => settings.durationSeconds * 1000));
  }
  const sorted = Float64Array.from(latencies).sort();
  const graphqlErrors = Object.entries(errorKinds)
    .filter(([kind]) => kind.startsWith('graphql '))
    .reduce((sum, [, times]) => sum + times, 0);
  return {
    requests: result.requests.total,
    requestsPerSecond: succeeded / result.duration,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    // A response with a GraphQL error also has a status: counted once, as its GraphQL error when 2xx.
    errors: result.non2xx + graphqlErrors + result.errors + (errorKinds['no answer within the run'] ?? 0),
    errorKinds,
    harnessCpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
  };
}
