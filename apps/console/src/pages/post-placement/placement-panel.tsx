import { useEffect, useRef, type ReactNode } from 'react';
import { useQuery } from '../../api/client';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { common } from '../../ui/messages';
import { countryName } from '../../labels/countries';
import { label } from '../../labels/names';
import { STAGES } from '../../labels/stages';
import { messages } from './messages';
import { PLACEMENT } from './operations';
import { placementActions, type PlacementActions } from './progress';
import {
  RepatriationHistory,
  RequestRepatriationForm,
  UpdateRepatriationForm,
  type FormProps,
} from './repatriation-forms';
import { RecordReturnForm, ReferForm, RefusalForm, ReintegrationRecord } from './return-forms';
import { CLOSED_FORMS, type Action } from './search';

const ALLOWED: Record<Action, keyof PlacementActions> = {
  'ajukan-repatriasi': 'requestRepatriation',
  'ubah-repatriasi': 'updateRepatriation',
  'catat-kepulangan': 'recordReturn',
  rujuk: 'refer',
  tolak: 'recordRefusal',
};

/** The form of one action for one placement, read fresh (its version) when the form opens. */
export function PlacementPanel({
  action,
  placementId,
  alertId,
  onDone,
}: {
  action: Action;
  placementId: string;
  alertId: string | undefined;
  onDone: (message: string) => void;
}): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  const locale = useLocale();
  const { data, error, loading, reload } = useQuery(PLACEMENT, { id: placementId });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [action, placementId]);
  const titles: Record<Action, string> = {
    'ajukan-repatriasi': text.requestRepatriation,
    'ubah-repatriasi': text.updateRepatriation,
    'catat-kepulangan': text.recordReturn,
    rujuk: text.refer,
    tolak: text.recordRefusal,
  };
  const placement = data?.placement;
  const workerName = placement?.worker?.fullName ?? text.unnamedWorker;
  const allowed =
    placement &&
    placementActions(placement.stage, placement.repatriation?.status, placement.return !== null)[
      ALLOWED[action]
    ];
  const props: FormProps | undefined = placement
    ? { placement, workerName, onReload: reload, onDone }
    : undefined;

  return (
    <section className="card pp-panel" aria-labelledby="pp-panel-title">
      <div className="pp-panel-head">
        <h2 id="pp-panel-title" ref={heading} tabIndex={-1}>
          {titles[action]}
        </h2>
        <button type="button" className="button secondary" onClick={() => setSearch(CLOSED_FORMS)}>
          {text.closeForm}
        </button>
      </div>
      {loading && !data && <p role="status">{shared.loading}</p>}
      <ErrorNotice error={error} onRetry={reload} />
      {data && !placement && (
        <p className="notice notice-error" role="alert">
          {shared.NOT_FOUND}
        </p>
      )}
      {placement && props && (
        <>
          <p className="pp-summary">
            <strong>{workerName}</strong> · {countryName(placement.destination, locale)} ·{' '}
            {label(STAGES, placement.stage, locale)} ·{' '}
            <Link to={`/penempatan/${placement.id}`}>{text.viewPlacement}</Link>
          </p>
          {!allowed && (
            <p className="notice notice-warning" role="alert">
              {action === 'ubah-repatriasi'
                ? text.noOpenRepatriation
                : fill(text.notAllowed, { stage: label(STAGES, placement.stage, locale) })}
            </p>
          )}
          {allowed && action === 'ajukan-repatriasi' && (
            <RequestRepatriationForm {...props} alertId={alertId} />
          )}
          {allowed && action === 'ubah-repatriasi' && <UpdateRepatriationForm {...props} />}
          {allowed && action === 'catat-kepulangan' && <RecordReturnForm {...props} />}
          {allowed && action === 'rujuk' && <ReferForm {...props} />}
          {allowed && action === 'tolak' && <RefusalForm {...props} />}
          {(action === 'ajukan-repatriasi' || action === 'ubah-repatriasi') && (
            <RepatriationHistory placement={placement} />
          )}
          {(action === 'rujuk' || action === 'tolak') && <ReintegrationRecord placement={placement} />}
        </>
      )}
    </section>
  );
}
