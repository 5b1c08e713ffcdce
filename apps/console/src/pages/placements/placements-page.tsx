import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useSession } from '../../api/client';
import { useRegions, type RegionDirectory } from '../../api/regions';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import { useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch, useLocation } from '../../router';
import { bindField, type BoundField } from '../../ui/bound-field';
import { SelectField, TextField } from '../../ui/field';
import { LinkedText } from '../../ui/linked-text';
import { NameOptions } from '../../ui/name-options';
import { Pager, usePages } from '../../ui/pager';
import { QueryStatus } from '../../ui/query-status';
import { RegencyOptions } from '../../ui/regency-options';
import { countryName, destinationOptions } from '../../labels/countries';
import {
  filterSearchParameters,
  NO_FILTERS,
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
        ...PageInfoFields
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

/** Penempatan: every placement of the jurisdiction, filtered from the URL, twenty at a time. */
export default function PlacementsPage(): ReactNode {
  const text = useMessages(placementList);
  const { search } = useLocation();
  const filters = readFilterSearch(search);
  const key = JSON.stringify(filters);
  const { regions } = useRegions();
  return (
    <>
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>
      <p>
        <LinkedText text={text.registerHint} slot="workers" to="/pekerja">
          {text.workersPage}
        </LinkedText>
      </p>
      <FilterForm key={key} filters={filters} regions={regions} />
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
  /** A filter's input: its change is kept in the draft until the filters are applied. */
  const filter = (field: keyof PlacementFilterSearch): BoundField<string> =>
    bindField(draft[field], (value) => setDraft((previous) => ({ ...previous, [field]: value })));

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    const regency = draft.regency.trim();
    if (!isRegencyCode(regency)) {
      setRegencyError(true);
      return;
    }
    setSearch(filterSearchParameters({ ...draft, regency }));
  };
  const clear = (): void => setSearch(filterSearchParameters(NO_FILTERS));

  return (
    <form className="card" role="search" aria-label={text.filters} onSubmit={apply} noValidate>
      <div className="filters">
        <SelectField label={words.stage} {...filter('stage')}>
          <option value="">{text.anyStage}</option>
          <NameOptions names={STAGES} />
        </SelectField>
        <SelectField label={words.destination} {...filter('destination')}>
          <option value="">{text.anyDestination}</option>
          {destinations.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={text.sector} {...filter('sector')}>
          <option value="">{text.anySector}</option>
          <NameOptions names={SECTORS} />
        </SelectField>
        <SelectField label={words.procedural} {...filter('procedural')}>
          <option value="">{text.anyProcedural}</option>
          <option value="ya">{words.yes}</option>
          <option value="tidak">{words.no}</option>
        </SelectField>
        <SelectField label={words.risk} {...filter('risk')}>
          <option value="">{text.anyRisk}</option>
          <NameOptions names={RISK_LEVELS} />
        </SelectField>
        {groups.length > 0 ? (
          <SelectField label={text.regency} {...filter('regency')}>
            <option value="">{text.anyRegency}</option>
            <RegencyOptions groups={groups} />
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
              setDraft((previous) => ({ ...previous, regency: event.target.value }));
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
      <QueryStatus
        error={error}
        loading={loading}
        empty={connection?.edges.length === 0}
        emptyText={text.empty}
        onRetry={reload}
      />
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
      <Pager
        pageInfo={connection?.pageInfo}
        totalCount={connection?.totalCount}
        pages={pages}
        loading={loading}
      />
    </section>
  );
}
