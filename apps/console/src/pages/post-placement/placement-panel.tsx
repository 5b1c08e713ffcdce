import type { ReactNode } from 'react';
import { useQuery } from '../../api/client';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link, setSearch } from '../../router';
import { countryName } from '../../labels/countries';
import { label } from '../../labels/names';
import { STAGES } from '../../labels/stages';
import { messages } from './messages';
import { PLACEMENT } from './operations';
import { useActionNames } from './placement-lists';
import { placementActions, type PlacementActions } from './progress';
import {
  RepatriationHistory,
  RequestRepatriationForm,
  UpdateRepatriationForm,
  type FormProps,
} from './repatriation-forms';
import { RecordReturnForm, ReferForm, RefusalForm, ReintegrationRecord } from './return-forms';
import { CLOSED_FORMS, type Action } from './search';
import { FormPanel } from './sections';

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
  const locale = useLocale();
  const read = useQuery(PLACEMENT, { id: placementId });
  const titles = useActionNames();

  return (
    <FormPanel
      titleId="pp-panel-title"
      title={titles[action]}
      focusOnOpen
      onClose={() => setSearch(CLOSED_FORMS)}
      read={read}
      record={read.data?.placement}
    >
      {(placement) => {
        const workerName = placement.worker?.fullName ?? text.unnamedWorker;
        const allowed = placementActions(
          placement.stage,
          placement.repatriation?.status,
          placement.return !== null,
        )[ALLOWED[action]];
        const props: FormProps = { placement, workerName, onReload: read.reload, onDone };
        return (
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
        );
      }}
    </FormPanel>
  );
}
