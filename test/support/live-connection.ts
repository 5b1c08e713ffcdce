import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './eventually.js';

/** A graphql-ws client of a test API on a real port; it never retries, since a refusal is often the point. */
export const liveClient = (port: number, connectionParams: Record<string, string>): Client =>
  createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
  });

/** How a subscription ends: its errors, the socket's close event, or null when it completes. */
export const subscriptionEnd = (client: Client, query: string): Promise<unknown> =>
  new Promise((resolve) => {
    client.subscribe({ query }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
  });

/** A subscription to `query` on a client that has been acknowledged, and how the subscription will end. */
export async function acknowledgedSubscription(
  client: Client,
  query: string,
): Promise<{ ended: Promise<unknown> }> {
  let connected = false;
  client.on('connected', () => (connected = true));
  const ended = subscriptionEnd(client, query);
  await eventually(async () => connected || undefined, 10_000, 'the live connection');
  return { ended };
}
