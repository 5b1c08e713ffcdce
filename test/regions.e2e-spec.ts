import { readFile } from 'node:fs/promises';
import { agencyWithUser, cli, embassyKey } from './support/factories.js';
import {
  bearer,
  graphql,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const REGIONS = `query Regions {
  regions {
    provinces { code name }
    regencies { code name provinceCode }
    legacyRegencyCodes { legacyCode regencyCode name }
  }
}`;

interface Regions {
  provinces: { code: string; name: string }[];
  regencies: { code: string; name: string; provinceCode: string }[];
  legacyRegencyCodes: { legacyCode: string; regencyCode: string; name: string }[];
}

/** The rows of one of data/regions' CSV files (no field there holds a comma). */
async function csvRows(file: string): Promise<string[][]> {
  const text = await readFile(new URL(`../data/regions/${file}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

describe('regions: the Kemendagri reference data a form checks a NIK against', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officerToken: string;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    api = await startTestApi();
    officerToken = await loginAs(
      api.app,
      await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' }),
    );
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('answers the 38 provinces and every regency of data/regions, by code', async () => {
    const response = await graphql<{ regions: Regions }>(api.app, REGIONS, {}, bearer(officerToken));
    expect(response.errors).toBeUndefined();
    const regions = response.data!.regions;
    expect(regions.provinces).toHaveLength(38);
    expect(regions.provinces).toEqual(
      (await csvRows('provinces.csv')).map(([code, name]) => ({ code, name })),
    );
    expect(regions.regencies).toEqual(
      (await csvRows('regencies.csv'))
        .map(([code, provinceCode, name]) => ({ code, name, provinceCode }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    );
    expect(regions.regencies).toContainEqual({
      code: '6372',
      name: 'Kota Banjarbaru',
      provinceCode: '63',
    });
  });

  it('maps each legacy Papua code a NIK may carry to the regency it names today', async () => {
    const response = await graphql<{ regions: Regions }>(api.app, REGIONS, {}, bearer(officerToken));
    const { legacyRegencyCodes, regencies } = response.data!.regions;
    expect(legacyRegencyCodes).toContainEqual({
      legacyCode: '9101',
      regencyCode: '9301',
      name: 'Kabupaten Merauke',
    });
    expect(legacyRegencyCodes).toHaveLength((await csvRows('regency_code_changes.csv')).length);
    const current = new Set(regencies.map((regency) => regency.code));
    for (const legacy of legacyRegencyCodes) {
      expect({ legacy: legacy.legacyCode, current: current.has(legacy.regencyCode) }).toEqual({
        legacy: legacy.legacyCode,
        current: true,
      });
    }
  });

  it('is read by any caller signed in, partners abroad included, and by nobody else', async () => {
    const partner = await graphql<{ regions: Regions }>(
      api.app,
      REGIONS,
      {},
      await embassyKey('kbri-kuala-lumpur', 'MY'),
    );
    expect(partner.errors).toBeUndefined();
    expect(partner.data?.regions.provinces).toHaveLength(38);
    const anonymous = await graphql(api.app, REGIONS);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
