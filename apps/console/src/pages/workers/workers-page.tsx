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
import { WorkerByNik, WorkerList } from './worker-results';
import './workers.css';

/** Who may register a worker (the API's registerWorker guard). */
const REGISTRARS = new Set(['OFFICER', 'ADMIN']);

/**
 * Pekerja: find workers by name or NIK (the search lives in the URL: `?q=`, `?asal=`), and
 * register one (`?daftar=1`), its NIK checked as it is typed.
 */
export default function WorkersPage(): ReactNode {
  const text = useMessages(workers);
  const { search } = useLocation();
  const session = useSession();
  const directory = useRegions();
  const regions = useMemo(() => directory.regions && indexRegions(directory.regions), [directory.regions]);
  const query = search.get('q') ?? '';
  const origin = search.get('asal') ?? '';
  const registering = search.get('daftar') === '1';
  const mayRegister = session?.principal.roles.some((role) => REGISTRARS.has(role)) ?? false;

  return (
    <>
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>

      <section className="card workers-register" aria-labelledby="workers-register-heading">
        <h2 id="workers-register-heading">{text.registerHeading}</h2>
        {!mayRegister ? (
          <p className="muted">{text.onlyOfficers}</p>
        ) : registering ? (
          <RegisterWorkerForm regions={regions} regionsFailed={directory.error !== undefined} />
        ) : (
          <button type="button" className="button primary" onClick={() => setSearch({ daftar: '1' })}>
            {text.openRegistration}
          </button>
        )}
      </section>

      <section aria-labelledby="workers-search-heading">
        <h2 id="workers-search-heading">{text.searchHeading}</h2>
        <SearchForm
          key={`${query}|${origin}`}
          query={query}
          origin={origin}
          regencies={regions?.byProvince() ?? []}
        />
        <Results query={query} origin={origin} />
      </section>
    </>
  );
}

function SearchForm({
  query,
  origin,
  regencies,
}: {
  query: string;
  origin: string;
  regencies: RegencyGroup[];
}): ReactNode {
  const text = useMessages(workers);
  const [typed, setTyped] = useState(query);
  const [regency, setRegency] = useState(origin);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSearch({ q: typed.trim(), asal: regency });
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
        {(query || origin) && (
          <button type="button" className="button secondary" onClick={() => setSearch({ q: '', asal: '' })}>
            {text.clearSearch}
          </button>
        )}
      </div>
    </form>
  );
}

/** A full NIK asks workerByNik; digits short of one ask nothing; anything else is part of a name. */
function Results({ query, origin }: { query: string; origin: string }): ReactNode {
  const text = useMessages(workers);
  const digits = query.replace(/[\s.-]/g, '');
  if (/^\d{16}$/.test(digits)) return <WorkerByNik nik={digits} />;
  if (/^\d+$/.test(digits)) {
    return <p className="notice notice-warning">{fill(text.partialNik, { count: digits.length })}</p>;
  }
  return <WorkerList key={`${query}|${origin}`} name={query} regencyCode={origin} />;
}
