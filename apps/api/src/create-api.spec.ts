import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { closeConnectionsOnceClosing } from './create-api.js';

const BODY = JSON.stringify({ departure: 'Banjarmasin' });
const head = `POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n`;

describe('closeConnectionsOnceClosing', () => {
  it('keeps connections open until the server closes, then closes each after its answer', async () => {
    const fastify = Fastify();
    closeConnectionsOnceClosing(fastify);
    let received: () => void = () => undefined;
    fastify.addHook('onRequest', async () => received());
    fastify.post('/echo', async (request) => request.body);
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const socket = connect((fastify.server.address() as AddressInfo).port, '127.0.0.1');
    let answers = '';
    socket.on('data', (chunk: Buffer) => (answers += chunk.toString('utf8')));
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const answered = (count: number) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (answers.split(BODY).length > count) resolve();
          else socket.once('data', check);
        };
        check();
      });

    socket.write(head + BODY);
    await answered(1);
    expect(answers).toMatch(/\r\nconnection: keep-alive\r\n/i);

    // A request whose body is still arriving when the close begins: answered, then its connection
    // closed, so that the close need not wait for the client to drop an idle connection.
    const receivedSecond = new Promise<void>((resolve) => (received = resolve));
    socket.write(head + BODY.slice(0, 5));
    await receivedSecond;
    const closing = fastify.close();
    socket.write(BODY.slice(5));
    await answered(2);
    const second = answers.slice(answers.indexOf(BODY) + BODY.length);
    expect(second).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
    expect(second.endsWith(BODY)).toBe(true);
    await Promise.all([socketClosed, closing]);
  });
});
