import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../../api/client';
import { useRegions } from '../../api/regions';
import { fill, useMessages } from '../../i18n/locale';
import { setSearch, useLocation } from '../../router';
import { SelectField, TextField } from '../../ui/field';
import { RegencyOptions } from '../../ui/regency-options';
import { workers } from './messages';
import { RegisterWorkerForm } from './register-worker-form';
import { indexRegions, type RegencyGroup } from './worker-checks';
import { WorkerById, WorkerByNik, WorkerList } from './worker-results';
import { placeSearch, readSearch } from './worker-search';
import './workers.css';

/** Who may register a worker (the API's registerWorker guard). */
const REGISTRARS = new Set(['OFFICER', 'ADMIN']);

/** A NIK searched, held in the page's memory with the search in the address it was made at. */
interface RememberedNik {
  nik: string;
  at: string;
}

/** The search an address holds: a name (`?q=`), an origin (`?asal=`), one worker (`?pekerja=`). */
function searchKey(named: string, origin: string, workerId: string): string {
  return JSON.stringify([named, origin, workerId]);
}

/**
 * Pekerja: find workers by name or NIK, and register one (`?daftar=1`), its NIK checked as it is
 * typed. A name search lives in the URL (`?q=`, `?asal=`), a NIK search only in the page's memory
 * (see placeSearch); a link to one worker names it by its id (`?pekerja=`), never by its NIK.
 */
export default function WorkersPage(): ReactNode {
  const text = useMessages(workers);
  const { search } = useLocation();
  const session = useSession();
  const directory = useRegions();
  const regions = useMemo(() => directory.regions && indexRegions(directory.regions), [directory.regions]);
  const named = search.get('q') ?? '';
  const origin = search.get('asal') ?? '';
  const workerId = search.get('pekerja') ?? '';
  const [remembered, setRemembered] = useState<RememberedNik>();
  const here = searchKey(named, origin, workerId);
  // Back, or another search put in the address, leaves the NIK behind with the address it was made at.
  const nik = remembered?.at === here ? remembered.nik : '';
  const query = nik || named;
  const registering = search.get('daftar') === '1';
  const mayRegister = session?.principal.roles.some((role) => REGISTRARS.has(role)) ?? false;

  const find = (typed: string, regency: string): void => {
    const placed = placeSearch(typed);
    const at = searchKey(placed.q ?? '', regency, '');
    // A NIK searched where the address stays as it is adds no step to Back: it would show the same address.
    if (!placed.nik || at !== here) setSearch({ q: placed.q, asal: regency, pekerja: undefined });
    setRemembered(placed.nik ? { nik: placed.nik, at } : undefined);
  };

  return (
    <>
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>

      <section className="card workers-register" aria-labelledby="workers-register-heading">
        <h2 id="workers-register-heading">{text.registerHeading}</h2>
        {!mayRegister ? (
          <p className="muted">{text.onlyOfficers}</p>
        ) : registering ? (
          <RegisterWorkerForm
            regions={regions}
            regionsFailed={directory.error !== undefined}
            // Its link leads to `/pekerja`, an address with no search: the NIK is remembered for that one.
            onShowTaken={(taken) => setRemembered({ nik: taken, at: searchKey('', '', '') })}
          />
        ) : (
          <button type="button" className="button primary" onClick={() => setSearch({ daftar: '1' })}>
            {text.openRegistration}
          </button>
        )}
      </section>

      <section aria-labelledby="workers-search-heading">
        <h2 id="workers-search-heading">{text.searchHeading}</h2>
        <SearchForm
          key={`${query}|${origin}|${workerId}`}
          query={query}
          origin={origin}
          regencies={regions?.byProvince() ?? []}
          searching={Boolean(query || origin || workerId)}
          onSearch={find}
        />
        <Results query={query} origin={origin} workerId={workerId} />
      </section>
    </>
  );
}

function SearchForm({
  query,
  origin,
  regencies,
  searching,
  onSearch,
}: {
  query: string;
  origin: string;
  regencies: RegencyGroup[];
  searching: boolean;
  onSearch: (typed: string, regency: string) => void;
}): ReactNode {
  const text = useMessages(workers);
  const [typed, setTyped] = useState(query);
  const [regency, setRegency] = useState(origin);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSearch(typed, regency);
  };
  return (
    <form className="filters workers-search" role="search" onSubmit={submit}>
      <TextField
        label={text.search}
        hint={text.searchHint}
        name="q"
        type="search"
        autoComplete="off"
        maxLength={100}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      <SelectField
        label={text.regencyFilter}
        name="asal"
        value={regency}
        onChange={(event) => setRegency(event.target.value)}
      >
        <option value="">{text.anyRegency}</option>
        <RegencyOptions groups={regencies} />
        {origin && regencies.length === 0 && <option value={origin}>{origin}</option>}
      </SelectField>
      <div className="field actions">
        <button type="submit" className="button primary">
          {text.searchSubmit}
        </button>
        {searching && (
          <button type="button" className="button secondary" onClick={() => onSearch('', '')}>
            {text.clearSearch}
          </button>
        )}
      </div>
    </form>
  );
}

/** One worker a link names; else the search's results (see readSearch). */
function Results({
  query,
  origin,
  workerId,
}: {
  query: string;
  origin: string;
  workerId: string;
}): ReactNode {
  const text = useMessages(workers);
  if (workerId) return <WorkerById id={workerId} />;
  const wanted = readSearch(query);
  if (wanted.kind === 'nik') return <WorkerByNik nik={wanted.nik} />;
  if (wanted.kind === 'partialNik') {
    return <p className="notice notice-warning">{fill(text.partialNik, { count: wanted.count })}</p>;
  }
  return <WorkerList key={`${query}|${origin}`} name={wanted.name} regencyCode={origin} />;
}
