import type { Jurisdiction } from '../auth/principal.js';
import { isWithinJurisdiction, jurisdictionCondition } from './jurisdiction-scope.js';

const none: Jurisdiction = { national: false, provinceCodes: [], regencyCodes: [], countryCodes: [] };
const columns = { provinceCode: 'w.province', regencyCode: 'w.regency' };

describe('jurisdiction scope', () => {
  it('lets the national agency see everything', () => {
    expect(jurisdictionCondition({ ...none, national: true }, columns).sql).toBe('TRUE');
  });

  it('keeps a BP3MI office to its provinces', () => {
    const condition = jurisdictionCondition({ ...none, provinceCodes: ['63'] }, columns);
    expect(condition).toEqual({
      sql: '(w.province = ANY(:scopeProvinceCodes))',
      params: { scopeProvinceCodes: ['63'] },
    });
  });

  it('gives nothing to an agency whose jurisdiction does not apply to the record', () => {
    expect(jurisdictionCondition({ ...none, countryCodes: ['SA'] }, columns).sql).toBe('FALSE');
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

  it('applies the same rule in memory', () => {
    const disnakerBanjarbaru = { ...none, regencyCodes: ['6372'] };
    expect(isWithinJurisdiction(disnakerBanjarbaru, { provinceCode: '63', regencyCode: '6372' })).toBe(true);
    expect(isWithinJurisdiction(disnakerBanjarbaru, { provinceCode: '63', regencyCode: '6371' })).toBe(false);
  });
});
