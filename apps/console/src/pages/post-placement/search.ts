import type { PlacementStage, ReferralFilterInput, ReferralStatus, ServiceKind } from '../../gql/graphql';
import { REFERRAL_STATUSES, SERVICES } from './labels';

/** The page's sub-views, by their Indonesian names in the URL (`/purna?tab=rujukan`). */
export const TABS = ['repatriasi', 'kepulangan', 'rujukan'] as const;
export type Tab = (typeof TABS)[number];

/** The forms the page opens for one placement (`&aksi=catat-kepulangan&id=…`). */
export const ACTIONS = [
  'ajukan-repatriasi',
  'ubah-repatriasi',
  'catat-kepulangan',
  'rujuk',
  'tolak',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The stages each list offers, the first shown when none is chosen. */
export const TAB_STAGES: Record<Exclude<Tab, 'rujukan'>, readonly PlacementStage[]> = {
  repatriasi: ['REPATRIATING', 'PLACED', 'DECEASED', 'MISSING'],
  kepulangan: ['RETURNED', 'REINTEGRATING'],
};

/** The tab each form belongs to, so that a bookmarked form opens where its list is. */
export const ACTION_TAB: Record<Action, Tab> = {
  'ajukan-repatriasi': 'repatriasi',
  'ubah-repatriasi': 'repatriasi',
  'catat-kepulangan': 'kepulangan',
  rujuk: 'rujukan',
  tolak: 'rujukan',
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a typed placement or referral id has the shape the API takes. */
export function isId(text: string): boolean {
  return ID.test(text.trim());
}

export interface PostPlacementSearch {
  tab: Tab;
  /** The placements' stage (repatriasi, kepulangan). */
  stage: PlacementStage;
  /** The referrals' filters (rujukan). */
  status: ReferralStatus | '';
  service: ServiceKind | '';
  placementFilter: string;
  /** A form open for one placement. */
  action: Action | undefined;
  placementId: string | undefined;
  /** The referral whose progress is being recorded. */
  referralId: string | undefined;
  /** The REPATRIATION_NEEDED alert a repatriation request answers (`&peringatan=…`, from the alerts page). */
  alertId: string | undefined;
}

function oneOf<Value extends string>(values: readonly Value[], text: string | null): Value | undefined {
  return values.find((value) => value === text);
}

/** The page's state in a URL query; what the console cannot use (a hand-edited URL) is left out. */
export function readSearch(search: URLSearchParams): PostPlacementSearch {
  const get = (name: string): string => search.get(name)?.trim() ?? '';
  const action = oneOf(ACTIONS, get('aksi'));
  const placementId = isId(get('id')) ? get('id') : undefined;
  const tab = oneOf(TABS, get('tab')) ?? (action && placementId ? ACTION_TAB[action] : 'repatriasi');
  const stages = tab === 'rujukan' ? TAB_STAGES.kepulangan : TAB_STAGES[tab];
  return {
    tab,
    stage: oneOf(stages, get('tahap')) ?? stages[0],
    status: oneOf(Object.keys(REFERRAL_STATUSES.id) as ReferralStatus[], get('status')) ?? '',
    service: oneOf(Object.keys(SERVICES.id) as ServiceKind[], get('layanan')) ?? '',
    placementFilter: isId(get('penempatan')) ? get('penempatan') : '',
    action: placementId ? action : undefined,
    placementId: action ? placementId : undefined,
    referralId: isId(get('rujukan')) ? get('rujukan') : undefined,
    alertId: action === 'ajukan-repatriasi' && isId(get('peringatan')) ? get('peringatan') : undefined,
  };
}

/** The query of a form opened for a placement, in the tab it belongs to; the lists' filters are kept. */
export function actionSearch(action: Action, placementId: string): Record<string, string | undefined> {
  return {
    tab: ACTION_TAB[action],
    aksi: action,
    id: placementId,
    rujukan: undefined,
    peringatan: undefined,
  };
}

/** The query that closes any form open. */
export const CLOSED_FORMS: Record<string, undefined> = {
  aksi: undefined,
  id: undefined,
  rujukan: undefined,
  peringatan: undefined,
};

/** The API's referral filter for those in the URL; empty ones are left out of the request. */
export function toReferralFilter(search: PostPlacementSearch): ReferralFilterInput {
  const filter: ReferralFilterInput = {};
  if (search.status) filter.status = search.status;
  if (search.service) filter.service = search.service;
  if (search.placementFilter) filter.placementId = search.placementFilter;
  return filter;
}
