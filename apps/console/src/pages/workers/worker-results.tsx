import type { ReactNode } from 'react';
import type { ApiError } from '../../api/api-error';
import { useQuery } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { WorkersPageWorkerRowFragment } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link } from '../../router';
import { Pager, usePages } from '../../ui/pager';
import { QueryStatus } from '../../ui/query-status';
import { label } from '../../labels/names';
import { STAGES } from '../../labels/stages';
import { workers } from './messages';

graphql(`
  fragment WorkersPageWorkerRow on Worker {
    id
    fullName
    nik
    incomplete
    dateOfBirth
    sex
    originRegency {
      code
      name
    }
    placements {
      id
      stage
      destination
    }
  }
`);

const WORKERS = graphql(`
  query WorkersPageWorkers($filter: WorkerFilter, $first: Int, $after: String) {
    workers(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          ...WorkersPageWorkerRow
        }
      }
    }
  }
`);

const WORKER_BY_NIK = graphql(`
  query WorkersPageWorkerByNik($nik: String!) {
    workerByNik(nik: $nik) {
      ...WorkersPageWorkerRow
    }
  }
`);

const WORKER = graphql(`
  query WorkersPageWorker($id: ID!) {
    worker(id: $id) {
      ...WorkersPageWorkerRow
    }
  }
`);

const PAGE_SIZE = 20;

/** A page of workers by name and origin; the pages passed are kept, so Previous asks again. */
export function WorkerList({ name, regencyCode }: { name: string; regencyCode: string }): ReactNode {
  const text = useMessages(workers);
  const pages = usePages();
  const filter = { ...(name && { name }), ...(regencyCode && { originRegencyCode: regencyCode }) };
  const { data, error, loading, reload } = useQuery(WORKERS, {
    filter,
    first: PAGE_SIZE,
    after: pages.after,
  });
  const connection = data?.workers;
  const rows = connection?.edges.map((edge) => edge.node) ?? [];
  // Turning a page keeps the rows shown, busy, until the next arrive: "loading" is said only before the first.
  return (
    <>
      <QueryStatus
        error={error}
        loading={loading && connection === undefined}
        empty={connection !== undefined && rows.length === 0}
        emptyText={text.noWorkers}
        onRetry={reload}
      />
      {rows.length > 0 && <WorkerTable rows={rows} loading={loading} />}
      <Pager
        pageInfo={connection?.pageInfo}
        totalCount={connection?.totalCount}
        pages={pages}
        loading={loading}
      />
    </>
  );
}

/** The one worker a full NIK names, if the officer may see it. */
export function WorkerByNik({ nik }: { nik: string }): ReactNode {
  const text = useMessages(workers);
  const { data, error, loading, reload } = useQuery(WORKER_BY_NIK, { nik });
  return (
    <OneWorker
      worker={data?.workerByNik}
      error={error}
      loading={loading}
      reload={reload}
      emptyText={text.noWorkerWithNik}
    />
  );
}

/** The one worker a link names by its id (`?pekerja=`), if the officer may see it. */
export function WorkerById({ id }: { id: string }): ReactNode {
  const text = useMessages(workers);
  const { data, error, loading, reload } = useQuery(WORKER, { id });
  return (
    <OneWorker
      worker={data?.worker}
      error={error}
      loading={loading}
      reload={reload}
      emptyText={text.noWorkers}
    />
  );
}

/** One worker's row: `undefined` until answered, `null` when there is none the officer may see. */
function OneWorker({
  worker,
  error,
  loading,
  reload,
  emptyText,
}: {
  worker: WorkersPageWorkerRowFragment | null | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  emptyText: string;
}): ReactNode {
  // A refusal replaces what an earlier search found: the worker shown must be the one asked for.
  const shown = error ? undefined : worker;
  return (
    <>
      <QueryStatus
        error={error}
        loading={loading && worker === undefined}
        empty={shown === null}
        emptyText={emptyText}
        onRetry={reload}
      />
      {shown && <WorkerTable rows={[shown]} loading={loading} />}
    </>
  );
}

function WorkerTable({
  rows,
  loading,
}: {
  rows: WorkersPageWorkerRowFragment[];
  loading: boolean;
}): ReactNode {
  const text = useMessages(workers);
  const locale = useLocale();
  const { date } = useDates();
  const countries = new Intl.DisplayNames([locale === 'id' ? 'id-ID' : 'en-GB'], { type: 'region' });
  return (
    <div className="table-wrap" aria-busy={loading}>
      <table>
        <caption className="visually-hidden">{text.resultsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.name}</th>
            <th scope="col">{text.nik}</th>
            <th scope="col">{text.origin}</th>
            <th scope="col">{text.dateOfBirth}</th>
            <th scope="col">{text.sex}</th>
            <th scope="col">{text.placements}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((worker) => (
            <tr key={worker.id}>
              <td>
                {worker.fullName}
                {worker.incomplete && (
                  <>
                    {' '}
                    <span className="badge badge-warning">{text.incomplete}</span>
                  </>
                )}
              </td>
              <td className="workers-nik">{worker.nik ?? text.unknown}</td>
              <td>{worker.originRegency?.name ?? text.unknown}</td>
              <td className="workers-nowrap">{date(worker.dateOfBirth)}</td>
              <td>{text[worker.sex]}</td>
              <td>
                {worker.placements.length === 0 ? (
                  <span className="muted">{text.noPlacements}</span>
                ) : (
                  <ul className="workers-placements">
                    {worker.placements.map((placement) => (
                      <li key={placement.id}>
                        <Link to={`/penempatan/${encodeURIComponent(placement.id)}`}>
                          {fill('{country} · {stage}', {
                            country: countries.of(placement.destination) ?? placement.destination,
                            stage: label(STAGES, placement.stage, locale),
                          })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
