import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import { useMessages } from '../i18n/locale';
import { ErrorNotice } from './error-notice';
import { common } from './messages';

/**
 * What a list or record being read says before it shows: the failure with a retry, "loading" to
 * screen readers and eyes alike, and "nothing here" once an answer came back empty.
 */
export function QueryStatus({
  error,
  loading,
  empty = false,
  emptyText,
  onRetry,
}: {
  error: ApiError | undefined;
  loading: boolean;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
}): ReactNode {
  const text = useMessages(common);
  return (
    <>
      <ErrorNotice error={error} onRetry={onRetry} />
      {loading && <p role="status">{text.loading}</p>}
      {!loading && empty && <p>{emptyText ?? text.empty}</p>}
    </>
  );
}
