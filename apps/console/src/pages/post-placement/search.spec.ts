import { actionSearch, readSearch, toReferralFilter } from './search';

const PLACEMENT = '0dcc03e3-09a2-57be-a139-97c95adbe1be';
const read = (query: string): ReturnType<typeof readSearch> => readSearch(new URLSearchParams(query));

describe('the post-placement page in the URL', () => {
  it('opens on the repatriations being made', () => {
    expect(read('')).toMatchObject({ tab: 'repatriasi', stage: 'REPATRIATING', action: undefined });
  });

  it('reads each tab with its own stages', () => {
    expect(read('tab=kepulangan')).toMatchObject({ tab: 'kepulangan', stage: 'RETURNED' });
    expect(read('tab=kepulangan&tahap=REINTEGRATING').stage).toBe('REINTEGRATING');
    expect(read('tab=kepulangan&tahap=PLACED').stage).toBe('RETURNED');
    expect(read('tab=repatriasi&tahap=PLACED').stage).toBe('PLACED');
    expect(read('tab=bogus').tab).toBe('repatriasi');
  });

  it('keeps the referral filters it can use', () => {
    const search = read(`tab=rujukan&status=ACCEPTED&layanan=LEGAL_AID&penempatan=${PLACEMENT}`);
    expect(toReferralFilter(search)).toEqual({
      status: 'ACCEPTED',
      service: 'LEGAL_AID',
      placementId: PLACEMENT,
    });
    expect(toReferralFilter(read('tab=rujukan&status=MAYBE&layanan=&penempatan=12'))).toEqual({});
  });

  it('opens a form only for a placement id, in the tab it belongs to', () => {
    expect(read(`aksi=catat-kepulangan&id=${PLACEMENT}`)).toMatchObject({
      tab: 'kepulangan',
      action: 'catat-kepulangan',
      placementId: PLACEMENT,
    });
    expect(read(`aksi=ajukan-repatriasi&id=${PLACEMENT}&peringatan=${PLACEMENT}`).alertId).toBe(PLACEMENT);
    expect(read(`aksi=rujuk&id=${PLACEMENT}&peringatan=${PLACEMENT}`).alertId).toBeUndefined();
    expect(read('aksi=rujuk&id=not-an-id')).toMatchObject({ action: undefined, placementId: undefined });
    expect(read(`aksi=terbang&id=${PLACEMENT}`)).toMatchObject({ action: undefined, placementId: undefined });
  });

  it('writes the query of a form', () => {
    expect(actionSearch('rujuk', PLACEMENT)).toEqual({
      tab: 'rujukan',
      aksi: 'rujuk',
      id: PLACEMENT,
      rujukan: undefined,
      peringatan: undefined,
    });
  });
});
