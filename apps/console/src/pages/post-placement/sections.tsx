import { useEffect, useRef, type ReactNode } from 'react';
import type { QueryState } from '../../api/client';
import type { PageInfoFields } from '../../api/fragments';
import { useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { common } from '../../ui/messages';
import { Pager, type usePages } from '../../ui/pager';
import { QueryStatus } from '../../ui/query-status';
import { messages } from './messages';
import '../../ui/panel-head.css';

/**
 * One of the page's lists, a page at a time: its heading and filters, what its query says before
 * the table shows (failure, loading, empty), the table and the pager. `generation` counts the
 * changes the page's forms made; each reads the list again.
 */
export function ListSection<Edge>({
  headingId,
  heading,
  filters,
  read,
  connection,
  pages,
  generation,
  children,
}: {
  headingId: string;
  heading: string;
  filters: ReactNode;
  read: QueryState<unknown>;
  connection: { totalCount: number; pageInfo: PageInfoFields; edges: readonly Edge[] } | undefined;
  pages: ReturnType<typeof usePages>;
  generation: number;
  /** The table's head and rows. */
  children: (edges: readonly Edge[]) => ReactNode;
}): ReactNode {
  const { reload } = read;
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {filters}
      <QueryStatus
        error={read.error}
        loading={read.loading}
        empty={connection?.edges.length === 0}
        onRetry={reload}
      />
      {connection && connection.edges.length > 0 && (
        <div className="table-wrap">
          <table>{children(connection.edges)}</table>
        </div>
      )}
      <Pager
        pageInfo={connection?.pageInfo}
        totalCount={connection?.totalCount}
        pages={pages}
        loading={read.loading}
      />
    </section>
  );
}

/**
 * A form opened over the lists for one record, read fresh when it opens: its title and a way to
 * close it, then the record's form once read, or why it is not there.
 */
export function FormPanel<Found>({
  titleId,
  title,
  focusOnOpen = false,
  onClose,
  read,
  record,
  children,
}: {
  titleId: string;
  title: string;
  /** Takes the officer to the title when the panel opens, so a keyboard or screen reader user lands on it. */
  focusOnOpen?: boolean;
  onClose: () => void;
  read: QueryState<unknown>;
  /** The record read: null when the API answered without it (gone, or outside the jurisdiction). */
  record: Found | null | undefined;
  children: (record: Found) => ReactNode;
}): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  return (
    <section className="card pp-panel" aria-labelledby={titleId}>
      <div className="panel-head pp-panel-head">
        <h2 id={titleId} ref={heading} tabIndex={focusOnOpen ? -1 : undefined}>
          {title}
        </h2>
        <button type="button" className="button secondary" onClick={onClose}>
          {text.closeForm}
        </button>
      </div>
      {read.loading && !read.data && <p role="status">{shared.loading}</p>}
      <ErrorNotice error={read.error} onRetry={read.reload} />
      {read.data !== undefined && !record && (
        <p className="notice notice-error" role="alert">
          {shared.NOT_FOUND}
        </p>
      )}
      {record && children(record)}
    </section>
  );
}
