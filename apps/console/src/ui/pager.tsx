import { useCallback, useState, type ReactNode } from 'react';
import type { PageInfoFields } from '../api/fragments';
import { fill, useMessages } from '../i18n/locale';
import { common } from './messages';

/**
 * Forward pages of a Relay connection, with a way back: the cursors of the pages passed are kept,
 * so Previous asks for the page before again. `after` goes into the query's variables.
 */
export function usePages(): {
  after: string | undefined;
  next: (endCursor: string) => void;
  previous: () => void;
  reset: () => void;
  hasPrevious: boolean;
} {
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  return {
    after: cursors.at(-1),
    next: useCallback((endCursor: string) => setCursors((passed) => [...passed, endCursor]), []),
    previous: useCallback(() => setCursors((passed) => passed.slice(0, -1)), []),
    reset: useCallback(() => setCursors([]), []),
    hasPrevious: cursors.length > 0,
  };
}

export function Pager({
  pageInfo,
  totalCount,
  pages,
  loading = false,
}: {
  pageInfo: PageInfoFields | undefined;
  totalCount?: number;
  pages: ReturnType<typeof usePages>;
  /** While a page is on its way both buttons wait: a second press on a slow link would skip a page of cursors. */
  loading?: boolean;
}): ReactNode {
  const text = useMessages(common);
  const endCursor = pageInfo?.endCursor;
  return (
    <nav className="pager" aria-label={text.pages}>
      {totalCount !== undefined && <span className="muted">{fill(text.total, { count: totalCount })}</span>}
      <button
        type="button"
        className="button secondary"
        disabled={loading || !pages.hasPrevious}
        onClick={pages.previous}
      >
        {text.previous}
      </button>
      <button
        type="button"
        className="button secondary"
        disabled={loading || !pageInfo?.hasNextPage || !endCursor}
        onClick={() => endCursor && pages.next(endCursor)}
      >
        {text.next}
      </button>
    </nav>
  );
}
