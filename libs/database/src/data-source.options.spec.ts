import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, CONNECT_TIMEOUT_MS } from './data-source.options.js';
import { isDatabaseUnavailable } from './postgres-errors.js';

/** A "database" that accepts connections and never says a word: a server hung, or a half-broken network. */
async function silentDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://lintas@127.0.0.1:${port}/lintas`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('buildDataSourceOptions', () => {
  it('gives up on a database that never answers, as one that is unavailable', async () => {
    const database = await silentDatabase();
    const dataSource = new DataSource(
      buildDataSourceOptions(
        { DATABASE_URL: database.url, DATABASE_POOL_SIZE: 1 },
        { entities: [], migrations: [] },
      ),
    );
    // Long enough for the connection timeout to fire on a loaded machine; without one, it never would.
    const patience = new Promise<string>((resolve) => {
      setTimeout(() => resolve('still waiting'), CONNECT_TIMEOUT_MS + 5_000).unref();
    });
    try {
      const failure = await Promise.race([
        dataSource.initialize().then(
          () => 'connected',
          (error: unknown) => error,
        ),
        patience,
      ]);
      expect(failure).not.toBe('still waiting');
      expect(isDatabaseUnavailable(failure)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
