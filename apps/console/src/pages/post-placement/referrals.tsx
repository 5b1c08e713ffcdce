import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../api/client';
import { useDates } from '../../format/dates';
import type { ReferralStatus, ReferralUpdateInput } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { Pager, usePages } from '../../ui/pager';
import { badgeClass, codesOf, label } from '../../labels/names';
import { REFERRAL_STATUSES, referralTone, SERVICES } from './labels';
import { messages } from './messages';
import { REFERRAL, REFERRALS, UPDATE_REFERRAL } from './operations';
import { MutationError, useFieldError } from './parts';
import { outcomeRequired, referralTargets } from './progress';
import { isId, toReferralFilter, type PostPlacementSearch } from './search';

/** The referrals the officer may see, newest first, filtered by the URL; the parent keys it by the filter. */
export function ReferralList({
  search,
  generation,
}: {
  search: PostPlacementSearch;
  generation: number;
}): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { dateTime } = useDates();
  const pages = usePages();
  const { data, error, loading, reload } = useQuery(REFERRALS, {
    filter: toReferralFilter(search),
    after: pages.after,
  });
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);
  const connection = data?.referrals;

  return (
    <section aria-labelledby="pp-referrals-heading">
      <h2 id="pp-referrals-heading">{text.referralsHeading}</h2>
      <ReferralFilters search={search} />
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p role="status">{shared.loading}</p>}
      {connection && connection.edges.length === 0 && <p>{shared.empty}</p>}
      {connection && connection.edges.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{text.colReferredAt}</th>
                <th scope="col">{text.colWorker}</th>
                <th scope="col">{text.service}</th>
                <th scope="col">{text.colAgency}</th>
                <th scope="col">{text.referralStatus}</th>
                <th scope="col">{text.colConsent}</th>
                <th scope="col">{text.colOutcome}</th>
                <th scope="col">{text.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const name = node.worker?.fullName ?? text.unnamedWorker;
                return (
                  <tr key={node.id}>
                    <td>{dateTime(node.referredAt)}</td>
                    <td>
                      <Link to={`/penempatan/${node.placementId}`}>{name}</Link>
                    </td>
                    <td>{label(SERVICES, node.service, locale)}</td>
                    <td>{node.agency?.name ?? '—'}</td>
                    <td>
                      <span className={badgeClass(referralTone(node.status))}>
                        {label(REFERRAL_STATUSES, node.status, locale)}
                      </span>
                    </td>
                    <td>
                      {node.consentGiven ? (
                        <span className="badge badge-ok">{text.consentGiven}</span>
                      ) : (
                        <span className="badge badge-warning">
                          {fill(text.consentOverridden, { reason: node.consentOverrideReason ?? '—' })}
                        </span>
                      )}
                    </td>
                    <td>{node.outcome ?? '—'}</td>
                    <td>
                      {referralTargets(node.status).length > 0 && (
                        <button
                          type="button"
                          className="button secondary"
                          aria-label={fill(text.forWorker, { action: text.updateReferral, name })}
                          onClick={() => setSearch({ rujukan: node.id, aksi: undefined, id: undefined })}
                        >
                          {text.updateReferral}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pages={pages} />
    </section>
  );
}

/** The list is keyed by its filters, so these start from the URL whenever it changes. */
function ReferralFilters({ search }: { search: PostPlacementSearch }): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const [placement, setPlacement] = useState(search.placementFilter);
  const [problem, setProblem] = useState<string>();

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    if (placement.trim() && !isId(placement)) {
      setProblem(text.placementIdInvalid);
      return;
    }
    setProblem(undefined);
    setSearch({ penempatan: placement.trim() });
  };

  return (
    <form className="filters" role="search" aria-label={text.filters} onSubmit={apply} noValidate>
      <SelectField
        label={text.referralStatus}
        value={search.status}
        onChange={(event) => setSearch({ status: event.target.value })}
      >
        <option value="">{text.all}</option>
        {codesOf(REFERRAL_STATUSES).map((code) => (
          <option key={code} value={code}>
            {label(REFERRAL_STATUSES, code, locale)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={text.serviceFilter}
        value={search.service}
        onChange={(event) => setSearch({ layanan: event.target.value })}
      >
        <option value="">{text.all}</option>
        {codesOf(SERVICES).map((code) => (
          <option key={code} value={code}>
            {label(SERVICES, code, locale)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={text.placementFilter}
        value={placement}
        onChange={(event) => setPlacement(event.target.value)}
        onBlur={() => {
          if (placement.trim() === '' && search.placementFilter) setSearch({ penempatan: undefined });
        }}
        error={problem}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="actions">
        <button type="submit" className="button secondary">
          {text.applyFilter}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setProblem(undefined);
            setSearch({ status: undefined, layanan: undefined, penempatan: undefined });
          }}
        >
          {text.clearFilters}
        </button>
      </div>
    </form>
  );
}

/** The progress of one referral: the next status, and what came of it when it ends. */
export function ReferralUpdatePanel({
  referralId,
  onDone,
}: {
  referralId: string;
  onDone: (message: string) => void;
}): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { data, error, loading, reload } = useQuery(REFERRAL, { id: referralId });
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(UPDATE_REFERRAL);
  const fieldError = useFieldError(state.error, problems);
  const referral = data?.referral;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!referral) return;
    reset();
    const found: Record<string, string> = {};
    if (!status) found['status'] = text.chooseStatus;
    if (outcomeRequired(status) && !outcome.trim()) found['outcome'] = text.outcomeRequired;
    setProblems(found);
    if (Object.keys(found).length > 0 || !status) return;
    const input: ReferralUpdateInput = { status };
    if (outcome.trim()) input.outcome = outcome.trim();
    if (note.trim()) input.note = note.trim();
    const result = await run({ id: referral.id, version: referral.version, input });
    if (result)
      onDone(fill(text.referralUpdated, { service: label(SERVICES, result.updateReferral.service, locale) }));
  };
  const targets = referral ? referralTargets(referral.status) : [];

  return (
    <section className="card pp-panel" aria-labelledby="pp-referral-title">
      <div className="pp-panel-head">
        <h2 id="pp-referral-title">{text.updateReferral}</h2>
        <button type="button" className="button secondary" onClick={() => setSearch({ rujukan: undefined })}>
          {text.closeForm}
        </button>
      </div>
      {loading && !data && <p role="status">{shared.loading}</p>}
      <ErrorNotice error={error} onRetry={reload} />
      {data && !referral && (
        <p className="notice notice-error" role="alert">
          {shared.NOT_FOUND}
        </p>
      )}
      {referral && (
        <>
          <p className="pp-summary">
            <strong>
              {fill(text.referralOf, {
                service: label(SERVICES, referral.service, locale),
                name: referral.worker?.fullName ?? text.unnamedWorker,
              })}
            </strong>{' '}
            · {text.currentStatus}:{' '}
            <span className={badgeClass(referralTone(referral.status))}>
              {label(REFERRAL_STATUSES, referral.status, locale)}
            </span>
          </p>
          {referral.outcome && (
            <p>
              {text.colOutcome}: {referral.outcome}
            </p>
          )}
          {targets.length === 0 ? (
            <p className="notice notice-warning">
              {fill(text.referralClosed, { status: label(REFERRAL_STATUSES, referral.status, locale) })}
            </p>
          ) : (
            <form onSubmit={(event) => void submit(event)} noValidate>
              <div className="form-grid">
                <SelectField
                  label={text.newStatus}
                  required
                  value={status}
                  onChange={(event) => setStatus(event.target.value as ReferralStatus | '')}
                  error={fieldError('input.status')}
                >
                  <option value="">{text.choose}</option>
                  {targets.map((code) => (
                    <option key={code} value={code}>
                      {label(REFERRAL_STATUSES, code, locale)}
                    </option>
                  ))}
                </SelectField>
              </div>
              <TextAreaField
                label={outcomeRequired(status) ? text.outcome : `${text.outcome} ${shared.optional}`}
                required={outcomeRequired(status)}
                value={outcome}
                onChange={(event) => setOutcome(event.target.value)}
                hint={text.outcomeHint}
                rows={3}
                maxLength={4000}
                error={fieldError('input.outcome')}
              />
              <TextAreaField
                label={`${text.note} ${shared.optional}`}
                value={note}
                onChange={(event) => setNote(event.target.value)}
                rows={2}
                maxLength={4000}
                error={fieldError('input.note')}
              />
              <MutationError
                error={state.error}
                onReload={() => {
                  reset();
                  reload();
                }}
              />
              <div className="actions">
                <button type="submit" className="button primary" disabled={state.running}>
                  {state.running ? shared.saving : text.submitReferralUpdate}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
