import { useCallback, useState, type ReactNode } from 'react';
import { useMessages } from '../../i18n/locale';
import { Link, setSearch, useLocation } from '../../router';
import { messages } from './messages';
import { OpenById, PlacementList } from './placement-lists';
import { PlacementPanel } from './placement-panel';
import { ReferralList, ReferralUpdatePanel } from './referrals';
import { CLOSED_FORMS, readSearch, TAB_STAGES, TABS, type Action, type Tab } from './search';
import './post-placement.css';

/** The forms each tab opens for a placement whose id the officer has, the first the main one. */
const BY_ID_ACTIONS: Record<Tab, readonly Action[]> = {
  repatriasi: ['ajukan-repatriasi', 'catat-kepulangan'],
  kepulangan: ['catat-kepulangan'],
  rujukan: ['rujuk', 'tolak'],
};

/**
 * Purna penempatan: repatriations under way and requested, returns recorded, and the reintegration
 * referrals (with the worker's consent) and refusals that follow. Sub-views, filters and the form
 * open live in the URL (`/purna?tab=rujukan&status=ACCEPTED`), so each can be bookmarked and shared.
 */
export default function PostPlacementPage(): ReactNode {
  const text = useMessages(messages);
  const location = useLocation();
  const search = readSearch(location.search);
  const [done, setDone] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const tabNames: Record<Tab, string> = {
    repatriasi: text.tabRepatriations,
    kepulangan: text.tabReturns,
    rujukan: text.tabReferrals,
  };
  const finish = useCallback((message: string) => {
    setDone(message);
    setGeneration((value) => value + 1);
    setSearch(CLOSED_FORMS);
  }, []);

  return (
    <div className="pp-page">
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>
      <nav aria-label={text.tabsLabel} className="pp-tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab}>
              <Link
                to={`/purna?tab=${tab}`}
                aria-current={tab === search.tab ? 'page' : undefined}
                onClick={() => setDone(undefined)}
              >
                {tabNames[tab]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div role="status" aria-live="polite">
        {done && <p className="notice notice-ok">{done}</p>}
      </div>
      {search.action && search.placementId && (
        <PlacementPanel
          key={`${search.action}:${search.placementId}`}
          action={search.action}
          placementId={search.placementId}
          alertId={search.alertId}
          onDone={finish}
        />
      )}
      {search.tab === 'rujukan' && search.referralId && (
        <ReferralUpdatePanel key={search.referralId} referralId={search.referralId} onDone={finish} />
      )}
      {search.tab === 'rujukan' ? (
        <ReferralList
          key={`${search.status}:${search.service}:${search.placementFilter}`}
          search={search}
          generation={generation}
        />
      ) : (
        <PlacementList
          key={`${search.tab}:${search.stage}`}
          view={search.tab}
          stages={TAB_STAGES[search.tab]}
          stage={search.stage}
          generation={generation}
        />
      )}
      <OpenById key={search.tab} actions={BY_ID_ACTIONS[search.tab]} />
    </div>
  );
}
