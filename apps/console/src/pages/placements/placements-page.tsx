import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { PlacementsPageRegionsQuery } from '../../gql/graphql';
import { useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch, useLocation } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { Pager, usePages } from '../../ui/pager';
import { countryName, destinationOptions } from '../../labels/countries';
import {
  filterSearchParameters,
  isRegencyCode,
  readFilterSearch,
  regencyGroups,
  toPlacementFilter,
  type PlacementFilterSearch,
} from './filters';
import { badgeClass, label } from '../../labels/names';
import { STAGES, stageTone } from '../../labels/stages';
import { RISK_LEVELS, riskTone, SECTORS } from './labels';
import { placementList, placementWords } from './messages';
import './placements.css';

const PLACEMENTS = graphql(`
  query PlacementsPagePlacements($filter: PlacementFilterInput, $after: String) {
    placements(filter: $filter, after: $after, first: 20) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          destination
          stage
          procedural
          riskLevel
          nextCheckInDueAt
          createdAt
          worker {
            id
            fullName
          }
        }
      }
    }
  }
`);

const REGIONS = graphql(`
  query PlacementsPageRegions {
    regions {
      provinces {
        code
        name
      }
      regencies {
        code
        name
        provinceCode
      }
    }
  }
`);

type RegionDirectory = PlacementsPageRegionsQuery['regions'];

/** Penempatan: every placement of the jurisdiction, filtered from the URL, twenty at a time. */
export default function PlacementsPage(): ReactNode {
  const text = useMessages(placementList);
  const { search } = useLocation();
  const filters = readFilterSearch(search);
  const key = JSON.stringify(filters);
  const [before, after] = text.registerHint.split('{workers}');
  // The regions change only with a release: asked once for the page, not with each filter.
  const regions = useQuery(REGIONS, {});
  return (
    <>
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>
      <p>
        {before}
        <Link to="/pekerja">{text.workersPage}</Link>
        {after}
      </p>
      <FilterForm key={key} filters={filters} regions={regions.data?.regions} />
      <PlacementTable key={`list:${key}`} filters={filters} />
    </>
  );
}

/** The filters; the regency of origin chosen from the regions when they could be read, else typed as its code. */
function FilterForm({
  filters,
  regions,
}: {
  filters: PlacementFilterSearch;
  regions: RegionDirectory | undefined;
}): ReactNode {
  const text = useMessages(placementList);
  const words = useMessages(placementWords);
  const locale = useLocale();
  const session = useSession();
  const [draft, setDraft] = useState(filters);
  const [regencyError, setRegencyError] = useState(false);
  const destinations = destinationOptions(
    [...(session?.principal.agency.countryCodes ?? []), filters.destination],
    locale,
  );
  const agency = session?.principal.agency;
  const groups = regions
    ? regencyGroups(
        regions,
        { provinceCodes: agency?.provinceCodes ?? [], regencyCodes: agency?.regencyCodes ?? [] },
        filters.regency,
      )
    : [];
  const change = (field: keyof PlacementFilterSearch) => (value: string) =>
    setDraft((previous) => ({ ...previous, [field]: value }));

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    const regency = draft.regency.trim();
    if (!isRegencyCode(regency)) {
      setRegencyError(true);
      return;
    }
    setSearch(filterSearchParameters({ ...draft, regency }));
  };
  const clear = (): void =>
    setSearch(
      filterSearchParameters({ stage: '', destination: '', sector: '', procedural: '', regency: '' }),
    );

  return (
    <form className="card" role="search" aria-label={text.filters} onSubmit={apply} noValidate>
      <div className="filters">
        <SelectField
          label={words.stage}
          value={draft.stage}
          onChange={(event) => change('stage')(event.target.value)}
        >
          <option value="">{text.anyStage}</option>
          {Object.entries(STAGES[locale]).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={words.destination}
          value={draft.destination}
          onChange={(event) => change('destination')(event.target.value)}
        >
          <option value="">{text.anyDestination}</option>
          {destinations.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={text.sector}
          value={draft.sector}
          onChange={(event) => change('sector')(event.target.value)}
        >
          <option value="">{text.anySector}</option>
          {Object.entries(SECTORS[locale]).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={words.procedural}
          value={draft.procedural}
          onChange={(event) => change('procedural')(event.target.value)}
        >
          <option value="">{text.anyProcedural}</option>
          <option value="ya">{words.yes}</option>
          <option value="tidak">{words.no}</option>
        </SelectField>
        {groups.length > 0 ? (
          <SelectField
            label={text.regency}
            value={draft.regency}
            onChange={(event) => change('regency')(event.target.value)}
          >
            <option value="">{text.anyRegency}</option>
            {groups.map((group) => (
              <optgroup key={group.province} label={group.province}>
                {group.regencies.map((regency) => (
                  <option key={regency.code} value={regency.code}>
                    {regency.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        ) : (
          <TextField
            label={text.regency}
            hint={text.regencyHint}
            inputMode="numeric"
            maxLength={4}
            value={draft.regency}
            onChange={(event) => {
              setRegencyError(false);
              change('regency')(event.target.value);
            }}
            error={regencyError ? text.regencyInvalid : undefined}
          />
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {text.apply}
        </button>
        <button type="button" className="button secondary" onClick={clear}>
          {text.clear}
        </button>
      </div>
    </form>
  );
}

function PlacementTable({ filters }: { filters: PlacementFilterSearch }): ReactNode {
  const text = useMessages(placementList);
  const words = useMessages(placementWords);
  const shared = useMessages(common);
  const locale = useLocale();
  const dates = useDates();
  const pages = usePages();
  const { data, error, loading, reload } = useQuery(PLACEMENTS, {
    filter: toPlacementFilter(filters),
    after: pages.after,
  });
  const connection = data?.placements;

  return (
    <section aria-busy={loading}>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p role="status">{shared.loading}</p>}
      {connection && connection.edges.length === 0 && <p>{text.empty}</p>}
      {connection && connection.edges.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{text.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.worker}</th>
                <th scope="col">{words.destination}</th>
                <th scope="col">{words.stage}</th>
                <th scope="col">{words.procedural}</th>
                <th scope="col">{words.risk}</th>
                <th scope="col">{words.nextCheckIn}</th>
                <th scope="col">{words.created}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link to={`/penempatan/${node.id}`}>{node.worker?.fullName ?? words.unnamed}</Link>
                  </td>
                  <td>{countryName(node.destination, locale)}</td>
                  <td>
                    <span className={badgeClass(stageTone(node.stage))}>
                      {label(STAGES, node.stage, locale)}
                    </span>
                  </td>
                  <td>
                    <span className={node.procedural ? 'badge badge-ok' : 'badge badge-danger'}>
                      {node.procedural ? words.proceduralYes : words.proceduralNo}
                    </span>
                  </td>
                  <td>
                    {node.riskLevel ? (
                      <span className={badgeClass(riskTone(node.riskLevel))}>
                        {label(RISK_LEVELS, node.riskLevel, locale)}
                      </span>
                    ) : (
                      <span className="muted">{words.noRisk}</span>
                    )}
                  </td>
                  <td className="placements-nowrap">
                    {node.nextCheckInDueAt ? dates.dateTime(node.nextCheckInDueAt) : words.none}
                  </td>
                  <td className="placements-nowrap">{dates.dateTime(node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pages={pages} />
    </section>
  );
}
