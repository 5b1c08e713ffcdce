import { ApiError, toApiError } from './api-error';

/** Where the API answers: the same origin in production (the api serves the console) and in development (Vite's proxy). */
export const GRAPHQL_PATH = '/graphql';

/** How long one request may take on a slow link before the officer is told, rather than left waiting. */
const REQUEST_TIMEOUT_MS = 30_000;

interface GraphQLResponse {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/**
 * One GraphQL request over HTTP. Every failure becomes an ApiError: the API's own code, or
 * `NETWORK` when it could not be reached or did not answer within the timeout.
 */
export async function postGraphQL(
  query: string,
  variables: unknown,
  accessToken: string | undefined,
  signal?: AbortSignal,
): Promise<unknown> {
  // The caller's signal and the timeout, joined by hand: AbortSignal.any needs a 2024 browser, and
  // an older tablet at an embassy would otherwise fail every read as "unreachable".
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  const abort = (): void => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError('NETWORK', timedOut ? 'timed out' : 'unreachable');
    }
    let body: GraphQLResponse;
    try {
      body = (await response.json()) as GraphQLResponse;
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(
        response.status === 503 ? 'SERVICE_UNAVAILABLE' : 'NETWORK',
        `HTTP ${response.status}`,
      );
    }
    if (body.errors?.length) throw toApiError(body.errors);
    if (!response.ok || body.data === undefined) throw new ApiError('INTERNAL', `HTTP ${response.status}`);
    return body.data;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
