import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '../../api/client';
import { useDates } from '../../format/dates';
import type { PlacementStage } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch } from '../../router';
import { SelectField, TextField } from '../../ui/field';
import { usePages } from '../../ui/pager';
import { countryName } from '../../labels/countries';
import { badgeClass, label } from '../../labels/names';
import { STAGES } from '../../labels/stages';
import {
  HEALTH_ON_ARRIVAL,
  REPATRIATION_REASONS,
  REPATRIATION_STATUSES,
  repatriationTone,
  RETURN_KINDS,
} from './labels';
import { messages } from './messages';
import { PLACEMENTS } from './operations';
import { placementActions, type PlacementActions } from './progress';
import { actionSearch, isId, type Action } from './search';
import { ListSection } from './sections';

const ACTION_OF: Record<keyof PlacementActions, Action> = {
  requestRepatriation: 'ajukan-repatriasi',
  updateRepatriation: 'ubah-repatriasi',
  recordReturn: 'catat-kepulangan',
  refer: 'rujuk',
  recordRefusal: 'tolak',
};

/** The address of a form for a placement, keeping the list's filters. */
export function actionHref(action: Action, placementId: string): string {
  const search = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(actionSearch(action, placementId))) {
    if (value === undefined) search.delete(name);
    else search.set(name, value);
  }
  return `${location.pathname}?${search.toString()}`;
}

/** The name of each action as its link reads. */
export function useActionNames(): Record<Action, string> {
  const text = useMessages(messages);
  return {
    'ajukan-repatriasi': text.requestRepatriation,
    'ubah-repatriasi': text.updateRepatriation,
    'catat-kepulangan': text.recordReturn,
    rujuk: text.refer,
    tolak: text.recordRefusal,
  };
}

/**
 * Placements at a post-placement stage, a page at a time: with their repatriation (`repatriasi`)
 * or their return (`kepulangan`), and links to the forms each may take. The stage is a filter in
 * the URL; the parent keys the list by it, so that a new stage starts at its first page.
 */
export function PlacementList({
  view,
  stages,
  stage,
  generation,
}: {
  view: 'repatriasi' | 'kepulangan';
  stages: readonly PlacementStage[];
  stage: PlacementStage;
  generation: number;
}): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const { dateTime } = useDates();
  const pages = usePages();
  const read = useQuery(PLACEMENTS, { filter: { stage }, after: pages.after });
  const names = useActionNames();
  const filters = (
    <div className="filters" role="search" aria-label={text.filters}>
      <SelectField
        label={text.stageFilter}
        value={stage}
        onChange={(event) =>
          setSearch({ tahap: event.target.value === stages[0] ? undefined : event.target.value })
        }
      >
        {stages.map((code) => (
          <option key={code} value={code}>
            {label(STAGES, code, locale)}
          </option>
        ))}
      </SelectField>
    </div>
  );

  return (
    <ListSection
      headingId={`pp-${view}-heading`}
      heading={view === 'repatriasi' ? text.repatriationsHeading : text.returnsHeading}
      filters={filters}
      read={read}
      connection={read.data?.placements}
      pages={pages}
      generation={generation}
    >
      {(edges) => (
        <>
          <thead>
            <tr>
              <th scope="col">{text.colWorker}</th>
              <th scope="col">{text.colDestination}</th>
              {view === 'repatriasi' ? (
                <>
                  <th scope="col">{text.colRepatriation}</th>
                  <th scope="col">{text.colReason}</th>
                  <th scope="col">{text.colRequested}</th>
                  <th scope="col">{text.colPlannedArrival}</th>
                </>
              ) : (
                <>
                  <th scope="col">{text.colReturnedAt}</th>
                  <th scope="col">{text.colReturnKind}</th>
                  <th scope="col">{text.colPort}</th>
                  <th scope="col">{text.colHealth}</th>
                  <th scope="col">{text.colFlags}</th>
                </>
              )}
              <th scope="col">{text.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => {
              const name = node.worker?.fullName ?? text.unnamedWorker;
              const repatriation = node.repatriation;
              const placementReturn = node.return;
              const possible = placementActions(node.stage, repatriation?.status, placementReturn !== null);
              const offered = (Object.keys(ACTION_OF) as (keyof PlacementActions)[])
                .filter((key) => possible[key])
                .map((key) => ACTION_OF[key])
                .filter((action) =>
                  view === 'repatriasi'
                    ? action === 'ajukan-repatriasi' ||
                      action === 'ubah-repatriasi' ||
                      action === 'catat-kepulangan'
                    : action === 'rujuk' || action === 'tolak',
                );
              return (
                <tr key={node.id}>
                  <td>
                    <Link to={`/penempatan/${node.id}`}>{name}</Link>
                  </td>
                  <td>{countryName(node.destination, locale)}</td>
                  {view === 'repatriasi' ? (
                    <>
                      <td>
                        {repatriation ? (
                          <span className={badgeClass(repatriationTone(repatriation.status))}>
                            {label(REPATRIATION_STATUSES, repatriation.status, locale)}
                          </span>
                        ) : (
                          <span className="muted">{text.noRepatriation}</span>
                        )}
                      </td>
                      <td>{repatriation ? label(REPATRIATION_REASONS, repatriation.reason, locale) : '—'}</td>
                      <td>
                        {repatriation ? (
                          <>
                            {repatriation.requestedByAgency?.name ?? '—'}
                            <br />
                            <span className="muted">{dateTime(repatriation.requestedAt)}</span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {repatriation?.plannedArrivalAt ? dateTime(repatriation.plannedArrivalAt) : '—'}
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{node.returnedAt ? dateTime(node.returnedAt) : '—'}</td>
                      <td>{placementReturn ? label(RETURN_KINDS, placementReturn.kind, locale) : '—'}</td>
                      <td>{placementReturn?.portOfEntry ?? '—'}</td>
                      <td>
                        {placementReturn?.healthOnArrival
                          ? label(HEALTH_ON_ARRIVAL, placementReturn.healthOnArrival, locale)
                          : '—'}
                      </td>
                      <td>
                        {placementReturn?.suspectedTraffickingVictim && (
                          <span className="badge badge-danger">{text.flagTrafficking}</span>
                        )}{' '}
                        {placementReturn?.wagesOwed && (
                          <span className="badge badge-warning">{text.flagWages}</span>
                        )}
                      </td>
                    </>
                  )}
                  <td>
                    <ul className="pp-row-actions">
                      {offered.map((action) => (
                        <li key={action}>
                          <Link
                            to={actionHref(action, node.id)}
                            aria-label={fill(text.forWorker, { action: names[action], name })}
                          >
                            {names[action]}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </>
      )}
    </ListSection>
  );
}

/** Opens a form for a placement whose id the officer has (from the placement page, a call, a letter). */
export function OpenById({ actions }: { actions: readonly Action[] }): ReactNode {
  const text = useMessages(messages);
  const names = useActionNames();
  const [id, setId] = useState('');
  const [problem, setProblem] = useState<string>();

  const open = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const action = actions.find((candidate) => candidate === submitter?.getAttribute('value')) ?? actions[0];
    if (!isId(id)) {
      setProblem(text.placementIdInvalid);
      return;
    }
    setProblem(undefined);
    if (action) setSearch(actionSearch(action, id.trim()));
  };

  return (
    <section className="card" aria-labelledby="pp-by-id">
      <h2 id="pp-by-id">{text.byIdHeading}</h2>
      <form className="pp-by-id" onSubmit={open} noValidate>
        <TextField
          label={text.placementId}
          value={id}
          onChange={(event) => setId(event.target.value)}
          hint={text.placementIdHint}
          error={problem}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="actions">
          {actions.map((action, index) => (
            <button
              key={action}
              type="submit"
              name="aksi"
              value={action}
              className={index === 0 ? 'button primary' : 'button secondary'}
            >
              {names[action]}
            </button>
          ))}
        </div>
      </form>
    </section>
  );
}
