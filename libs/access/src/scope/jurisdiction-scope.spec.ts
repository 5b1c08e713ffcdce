import type { Jurisdiction, Principal } from '../auth/principal.js';
import { AgencyKind } from '../roles.js';
import {
  isWithinJurisdiction,
  jurisdictionCondition,
  placementOriginScope,
  placementScope,
  referralScope,
  workerScope,
} from './jurisdiction-scope.js';

const none: Jurisdiction = { national: false, provinceCodes: [], regencyCodes: [], countryCodes: [] };
const columns = { provinceCode: 'w.province', regencyCode: 'w.regency' };
const bp3miKalsel: Jurisdiction = { ...none, provinceCodes: ['63'] };
const kbriRiyadh: Jurisdiction = { ...none, countryCodes: ['SA'] };

const principalOf = (jurisdiction: Jurisdiction): Principal => ({
  kind: 'user',
  id: 'user-1',
  name: 'Case handler',
  roles: [],
  agency: {
    id: 'agency-1',
    code: 'agency-1',
    name: 'Agency',
    kind: AgencyKind.BP3MI,
    provinceCodes: jurisdiction.provinceCodes,
    regencyCodes: jurisdiction.regencyCodes,
    countryCodes: jurisdiction.countryCodes,
  },
  jurisdiction,
});

describe('jurisdiction scope', () => {
  it('lets the national agency see everything', () => {
    expect(jurisdictionCondition({ ...none, national: true }, columns).sql).toBe('TRUE');
  });

  it('keeps a BP3MI office to its provinces', () => {
    const condition = jurisdictionCondition(bp3miKalsel, columns);
    expect(condition).toEqual({
      sql: '(w.province = ANY(:scopeProvinceCodes))',
      params: { scopeProvinceCodes: ['63'] },
    });
  });

  it('gives nothing to an agency whose jurisdiction does not apply to the record', () => {
    expect(jurisdictionCondition(kbriRiyadh, columns).sql).toBe('FALSE');
  });

  it('joins several kinds of jurisdiction with OR', () => {
    const condition = jurisdictionCondition(
      { ...none, provinceCodes: ['63'], regencyCodes: ['3201'] },
      columns,
    );
    expect(condition.sql).toBe(
      '(w.province = ANY(:scopeProvinceCodes) OR w.regency = ANY(:scopeRegencyCodes))',
    );
  });

  it('tests a destination country column with = ANY, which an index on it can serve', () => {
    expect(jurisdictionCondition(kbriRiyadh, { countryCode: 'x.destination' })).toEqual({
      sql: '(x.destination = ANY(:scopeCountryCodes))',
      params: { scopeCountryCodes: ['SA'] },
    });
  });

  it('applies the same rule in memory', () => {
    const disnakerBanjarbaru = { ...none, regencyCodes: ['6372'] };
    expect(isWithinJurisdiction(disnakerBanjarbaru, { provinceCode: '63', regencyCode: '6372' })).toBe(true);
    expect(isWithinJurisdiction(disnakerBanjarbaru, { provinceCode: '63', regencyCode: '6371' })).toBe(false);
  });
});

describe('placement scope', () => {
  it('places a placement by its origin province and regency and its destination', () => {
    const mixed = { ...none, provinceCodes: ['63'], regencyCodes: ['3201'], countryCodes: ['SA', 'MY'] };
    expect(placementScope(mixed)).toEqual({
      sql:
        '(p.origin_province_code = ANY(:scopeProvinceCodes) OR p.origin_regency_code = ANY(:scopeRegencyCodes)' +
        ' OR p.destination = ANY(:scopeCountryCodes))',
      params: { scopeProvinceCodes: ['63'], scopeRegencyCodes: ['3201'], scopeCountryCodes: ['SA', 'MY'] },
    });
  });

  it('reads the columns of the alias it is given', () => {
    expect(placementScope(kbriRiyadh, 'pl').sql).toBe('(pl.destination = ANY(:scopeCountryCodes))');
  });

  it('leaves the destination out of the origin scope, so an embassy finds nothing there', () => {
    expect(placementOriginScope(kbriRiyadh).sql).toBe('FALSE');
    expect(placementOriginScope(bp3miKalsel).sql).toBe('(p.origin_province_code = ANY(:scopeProvinceCodes))');
  });

  it('is TRUE for the national agency', () => {
    expect(placementScope({ ...none, national: true })).toEqual({ sql: 'TRUE', params: {} });
  });
});

describe('worker scope', () => {
  it('places a worker by origin, or by a placement of theirs in the caller’s countries', () => {
    expect(workerScope({ ...none, provinceCodes: ['63'], countryCodes: ['SA'] })).toEqual({
      sql:
        '(w.origin_province_code = ANY(:scopeProvinceCodes) OR EXISTS (SELECT 1 FROM placement pl' +
        ' WHERE pl.worker_id = w.id AND pl.destination = ANY(:scopeCountryCodes)))',
      params: { scopeProvinceCodes: ['63'], scopeCountryCodes: ['SA'] },
    });
  });

  it('looks for no placement when the caller has no countries', () => {
    expect(workerScope(bp3miKalsel).sql).toBe('(w.origin_province_code = ANY(:scopeProvinceCodes))');
  });
});

describe('referral scope', () => {
  it('lets the addressee and the offices of origin see a referral, never the destination', () => {
    expect(referralScope(principalOf({ ...bp3miKalsel, countryCodes: ['SA'] }))).toEqual({
      sql: '(r.agency_id = :viewerAgencyId OR (p.origin_province_code = ANY(:scopeProvinceCodes)))',
      params: { viewerAgencyId: 'agency-1', scopeProvinceCodes: ['63'] },
    });
  });

  it('leaves an agency without jurisdiction only what is addressed to it', () => {
    expect(referralScope(principalOf(none), 'f', 'pl').sql).toBe('(f.agency_id = :viewerAgencyId OR FALSE)');
  });
});
