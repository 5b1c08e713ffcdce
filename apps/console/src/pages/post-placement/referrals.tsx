import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '../../api/client';
import { useDates } from '../../format/dates';
import type { ReferralStatus, ReferralUpdateInput } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch } from '../../router';
import { CodeSelect } from '../../ui/code-select';
import { TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { usePages } from '../../ui/pager';
import { badgeClass, label } from '../../labels/names';
import { REFERRAL_STATUSES, referralTone, SERVICES } from './labels';
import { messages } from './messages';
import { REFERRAL, REFERRALS, UPDATE_REFERRAL } from './operations';
import { MutationForm, NoteField, useFormMutation } from './parts';
import { outcomeRequired, referralTargets } from './progress';
import { isId, toReferralFilter, type PostPlacementSearch } from './search';
import { FormPanel, ListSection } from './sections';

/** The referrals the officer may see, newest first, filtered by the URL; the parent keys it by the filter. */
export function ReferralList({
  search,
  generation,
}: {
  search: PostPlacementSearch;
  generation: number;
}): ReactNode {
  const text = useMessages(messages);
  const locale = useLocale();
  const { dateTime } = useDates();
  const pages = usePages();
  const read = useQuery(REFERRALS, { filter: toReferralFilter(search), after: pages.after });

  return (
    <ListSection
      headingId="pp-referrals-heading"
      heading={text.referralsHeading}
      filters={<ReferralFilters search={search} />}
      read={read}
      connection={read.data?.referrals}
      pages={pages}
      generation={generation}
    >
      {(edges) => (
        <>
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
            {edges.map(({ node }) => {
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
        </>
      )}
    </ListSection>
  );
}

/** The list is keyed by its filters, so these start from the URL whenever it changes. */
function ReferralFilters({ search }: { search: PostPlacementSearch }): ReactNode {
  const text = useMessages(messages);
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
      <CodeSelect
        label={text.referralStatus}
        value={search.status}
        onChange={(event) => setSearch({ status: event.target.value })}
        noneText={text.all}
        names={REFERRAL_STATUSES}
      />
      <CodeSelect
        label={text.serviceFilter}
        value={search.service}
        onChange={(event) => setSearch({ layanan: event.target.value })}
        noneText={text.all}
        names={SERVICES}
      />
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
  const read = useQuery(REFERRAL, { id: referralId });
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const mutation = useFormMutation(UPDATE_REFERRAL);
  const { run, fieldError, setProblems } = mutation;
  const referral = read.data?.referral;

  const send = async (): Promise<void> => {
    if (!referral) return;
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

  return (
    <FormPanel
      titleId="pp-referral-title"
      title={text.updateReferral}
      onClose={() => setSearch({ rujukan: undefined })}
      read={read}
      record={referral}
    >
      {(shown) => {
        const targets = referralTargets(shown.status);
        return (
          <>
            <p className="pp-summary">
              <strong>
                {fill(text.referralOf, {
                  service: label(SERVICES, shown.service, locale),
                  name: shown.worker?.fullName ?? text.unnamedWorker,
                })}
              </strong>{' '}
              · {text.currentStatus}:{' '}
              <span className={badgeClass(referralTone(shown.status))}>
                {label(REFERRAL_STATUSES, shown.status, locale)}
              </span>
            </p>
            {shown.outcome && (
              <p>
                {text.colOutcome}: {shown.outcome}
              </p>
            )}
            {targets.length === 0 ? (
              <p className="notice notice-warning">
                {fill(text.referralClosed, { status: label(REFERRAL_STATUSES, shown.status, locale) })}
              </p>
            ) : (
              <MutationForm
                mutation={mutation}
                onSend={send}
                onReload={read.reload}
                submitText={text.submitReferralUpdate}
              >
                <div className="form-grid">
                  <CodeSelect
                    label={text.newStatus}
                    required
                    value={status}
                    onChange={(event) => setStatus(event.target.value as ReferralStatus | '')}
                    error={fieldError('input.status')}
                    noneText={text.choose}
                    codes={targets}
                    names={REFERRAL_STATUSES}
                  />
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
                <NoteField value={note} onChange={setNote} error={fieldError('input.note')} rows={2} />
              </MutationForm>
            )}
          </>
        );
      }}
    </FormPanel>
  );
}
