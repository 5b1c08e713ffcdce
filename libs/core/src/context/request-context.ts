import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with a request id that logs and audit events pick up without threading it through. */
export function runWithRequestId<T>(requestId: string | undefined, work: () => T): T {
  return storage.run({ requestId: requestId ?? randomUUID() }, work);
}

/** For HTTP hooks, which cannot wrap the handler: the rest of this request's async work sees the id. */
export function enterRequestContext(requestId: string): void {
  storage.enterWith({ requestId });
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Accepts a caller's X-Request-Id only when it is a plain token, so it cannot smuggle PII or markup. */
export function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{8,64}$/.test(value) ? value : undefined;
}
