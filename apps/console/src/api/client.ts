import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError } from './api-error';
import { sessionStore, type Session } from './session-store';
import { postGraphQL } from './transport';

/**
 * Runs a typed operation as the signed-in officer. An access token refused mid-session
 * (UNAUTHENTICATED) is refreshed once and the operation retried; a session that cannot be
 * refreshed signs the officer out, back to the login page.
 */
export async function request<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  signal?: AbortSignal,
): Promise<Result> {
  const token = await sessionStore.accessToken();
  try {
    return (await postGraphQL(document.toString(), variables, token, signal)) as Result;
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED' || !token) throw error;
    const next = await sessionStore.refresh();
    if (!next) throw error;
    return (await postGraphQL(document.toString(), variables, next, signal)) as Result;
  }
}

export interface QueryState<Result> {
  data: Result | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Asks again, keeping what is shown until the answer arrives. */
  reload: () => void;
}

/**
 * Reads as long as the component shows: asks again when the variables change (compared by
 * value) and drops an answer that arrives after they changed or the page was left.
 */
export function useQuery<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  options: { skip?: boolean } = {},
): QueryState<Result> {
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const asked = `${generation}:${key}`;
  const [answer, setAnswer] = useState<{ for: string; key?: string; data?: Result; error?: ApiError }>({
    for: '',
  });
  const skip = options.skip ?? false;
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    request(document, JSON.parse(key) as Variables, controller.signal).then(
      (data) => setAnswer({ for: asked, key, data }),
      (error: unknown) => {
        // A failed reload keeps what is shown; a failure for other variables (new filters) must not
        // leave the last filters' answer on screen as if it were theirs.
        if (!controller.signal.aborted)
          setAnswer((previous) => ({
            for: asked,
            key,
            data: previous.key === key ? previous.data : undefined,
            error: asApiError(error),
          }));
      },
    );
    return () => controller.abort();
  }, [document, key, asked, skip]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: answer.data, error: answer.error, loading: !skip && answer.for !== asked, reload };
}

export interface MutationState {
  running: boolean;
  error: ApiError | undefined;
}

/**
 * A mutation a person starts: `run` resolves with the result, or with undefined when refused,
 * the refusal then in `error` (with its fields) for the form to show where it belongs.
 */
export function useMutation<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
): [(variables: Variables) => Promise<Result | undefined>, MutationState, () => void] {
  const [state, setState] = useState<MutationState>({ running: false, error: undefined });
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (variables: Variables): Promise<Result | undefined> => {
      setState({ running: true, error: undefined });
      try {
        const result = await request(document, variables);
        if (mounted.current) setState({ running: false, error: undefined });
        return result;
      } catch (error) {
        if (mounted.current) setState({ running: false, error: asApiError(error) });
        return undefined;
      }
    },
    [document],
  );
  const reset = useCallback(() => setState({ running: false, error: undefined }), []);
  return [run, state, reset];
}

/** The signed-in officer's session, re-rendering on sign-in, refresh and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => sessionStore.subscribe(listener),
    () => sessionStore.current(),
  );
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', String(error));
}
