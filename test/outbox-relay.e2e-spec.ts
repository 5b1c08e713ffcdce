import request from 'supertest';
import { Queue } from 'bullmq';
import { QueueName } from '#lintas/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { portOf } from '../apps/worker/src/health-server.js';
import { eventually } from './support/eventually.js';
import { agencyWithUser, cli, workerInput } from './support/factories.js';
import { TcpProxy } from './support/tcp-proxy.js';
import {
  bearer,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

describe('domain events reach the queue exactly once, even across a Redis outage', () => {
  let environment: TestEnvironment;
  let proxy: TcpProxy;
  let api: TestApi;
  let worker: RunningWorker;
  let queue: Queue;
  let token: string;

  const sentAt = async (workerId: string): Promise<{ id: string; sent_at: Date | null }> => {
    const [event] = await api.dataSource.query<{ id: string; sent_at: Date | null }[]>(
      `SELECT id, sent_at FROM outbox_event WHERE aggregate_id = $1 AND topic = 'worker.registered'`,
      [workerId],
    );
    if (!event) throw new Error(`no outbox event for worker ${workerId}`);
    return event;
  };

  const register = (serial: number): Promise<string> =>
    registerWorker(api.app, bearer(token), workerInput({ serial }));

  /** The worker's registration event, once the relay has marked it sent. */
  const relayedEvent = (workerId: string, what: string): Promise<{ id: string; sent_at: Date | null }> =>
    eventually(
      async () => {
        const row = await sentAt(workerId);
        return row.sent_at ? row : undefined;
      },
      15_000,
      what,
    );

  /** Jobs carrying this event, whatever their job id: a relay that enqueued twice would show two. */
  const jobsFor = async (eventId: string): Promise<number> => {
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    return jobs.filter((job) => (job.data as { eventId?: string }).eventId === eventId).length;
  };

  beforeAll(async () => {
    proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    environment = await useTestEnvironment({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      OUTBOX_RELAY_INTERVAL_MS: '100',
    });
    await cli(['migrate']);
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    worker = await startWorker();
    queue = new Queue(QueueName.DomainEvents, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: environment.redisKeyPrefix,
    });
    token = await loginAs(api.app, officer);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await proxy?.cut();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await environment?.release();
  });

  it('relays a registration into BullMQ with the event id as job id', async () => {
    const workerId = await register(1);
    const event = await relayedEvent(workerId, 'the relay to mark the event sent');
    expect(await jobsFor(event.id)).toBe(1);
  });

  it('still registers while Redis is unreachable, and delivers the event once it is back', async () => {
    await proxy.cut();
    const ready = await request(api.app.getHttpServer()).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ postgres: true, redis: false });
    const workerReady = await fetch(`http://127.0.0.1:${portOf(worker.health)}/ready`);
    expect(workerReady.status).toBe(503);
    expect(await workerReady.json()).toMatchObject({ postgres: true, redis: false });

    const workerId = await register(2);
    // Several relay passes fail meanwhile; the event stays unsent, nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await sentAt(workerId)).sent_at).toBeNull();

    await proxy.restore();
    const event = await relayedEvent(workerId, 'the relay to resume after the outage');
    expect(await jobsFor(event.id)).toBe(1);
    expect((await request(api.app.getHttpServer()).get('/ready')).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${portOf(worker.health)}/ready`)).status).toBe(200);
  });

  it('does not enqueue an event twice when the relay offers it again', async () => {
    const workerId = await register(3);
    const event = await relayedEvent(workerId, 'the event to be relayed');
    // As if the commit that marked it sent had been lost after Redis took the job.
    await api.dataSource.query('UPDATE outbox_event SET sent_at = NULL WHERE id = $1', [event.id]);
    await eventually(
      async () => ((await sentAt(workerId)).sent_at ? true : undefined),
      10_000,
      'a second relay pass',
    );
    expect(await jobsFor(event.id)).toBe(1);
  });
});
