import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import { fill, useMessages } from '../i18n/locale';
import { common } from './messages';

type ErrorCode = keyof typeof common.id &
  (
    | 'NETWORK'
    | 'SERVICE_UNAVAILABLE'
    | 'UNAUTHENTICATED'
    | 'FORBIDDEN'
    | 'NOT_FOUND'
    | 'CONFLICT'
    | 'PRECONDITION_FAILED'
    | 'BAD_USER_INPUT'
    | 'RATE_LIMITED'
    | 'INTERNAL'
  );

const CODES = new Set<string>([
  'NETWORK',
  'SERVICE_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'INTERNAL',
]);

/** What an error means to the officer, in the officer's language. */
export function useErrorText(): (error: ApiError) => string {
  const text = useMessages(common);
  return (error) => {
    const code: ErrorCode = CODES.has(error.code) ? (error.code as ErrorCode) : 'INTERNAL';
    return fill(text[code], { seconds: error.retryAfterSeconds ?? 60 });
  };
}

/**
 * A refusal or failure, announced to screen readers (role="alert"), with the request id to quote
 * to support when the server failed, and a retry when asking again can help.
 */
export function ErrorNotice({
  error,
  onRetry,
  children,
}: {
  error: ApiError | undefined;
  onRetry?: () => void;
  children?: ReactNode;
}): ReactNode {
  const text = useMessages(common);
  const describe = useErrorText();
  if (!error) return null;
  const requestId = error.extensions['requestId'];
  const retryable = ['NETWORK', 'SERVICE_UNAVAILABLE', 'INTERNAL', 'CONFLICT'].includes(error.code);
  return (
    <div className="notice notice-error" role="alert">
      <p>{describe(error)}</p>
      {children}
      {typeof requestId === 'string' && <p className="muted">{fill(text.requestId, { requestId })}</p>}
      {onRetry && retryable && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {text.retry}
        </button>
      )}
    </div>
  );
}
