import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

/**
 * The worker serves no API, only /health (the process runs) and /ready (its PostgreSQL and Redis
 * answer), so an orchestrator can restart it or hold traffic.
 */
export function startHealthServer(port: number, host: string, ready: ReadinessCheck): Promise<Server> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: object): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.url === '/health') return reply(200, { status: 'ok' });
    if (request.url !== '/ready') return reply(404, { status: 'not found' });
    ready().then(
      (checks) => {
        const ok = Object.values(checks).every(Boolean);
        reply(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', ...checks });
      },
      () => reply(503, { status: 'unavailable' }),
    );
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
