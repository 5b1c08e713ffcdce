import { jest } from '@jest/globals';
import { ApiError } from '../../api/api-error';
import {
  csvRefusal,
  fetchStatisticsCsv,
  statisticsCsvFileName,
  statisticsCsvUrl,
  type Credentials,
} from './statistics-csv';

const filters = { from: '2026-01-01', to: '', provinceCode: '63', regencyCode: '', destination: 'SA' };

describe('statisticsCsvUrl', () => {
  it('asks with the API parameter names, leaving out the empty ones', () => {
    expect(statisticsCsvUrl(filters)).toBe(
      '/reports/statistics.csv?from=2026-01-01&provinceCode=63&destination=SA',
    );
    expect(statisticsCsvUrl({ ...filters, from: '', provinceCode: '', destination: '' })).toBe(
      '/reports/statistics.csv',
    );
  });
});

describe('statisticsCsvFileName', () => {
  it('names the file after the period the API counted', () => {
    expect(
      statisticsCsvFileName('attachment; filename="lintas-statistics-2026-01-01-to-2026-11-30.csv"', filters),
    ).toBe('statistik-lintas-2026-01-01-2026-11-30.csv');
    expect(statisticsCsvFileName('attachment; filename="lintas-statistics-to-2026-11-30.csv"', filters)).toBe(
      'statistik-lintas-awal-2026-11-30.csv',
    );
  });

  it('falls back on the filters when the API did not say', () => {
    expect(statisticsCsvFileName(null, { ...filters, to: '2026-06-30' })).toBe(
      'statistik-lintas-2026-01-01-2026-06-30.csv',
    );
    expect(statisticsCsvFileName('attachment', { ...filters, from: '' })).toBe(
      'statistik-lintas-awal-hari-ini.csv',
    );
  });
});

describe('csvRefusal', () => {
  it('keeps the API code, fields and request id', () => {
    const error = csvRefusal(400, {
      code: 'BAD_USER_INPUT',
      message: 'from: must be a calendar date',
      fields: [{ path: 'from', message: 'must be a calendar date' }, { path: 3 }],
      requestId: 'r-1',
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fieldMessage('from')).toBe('must be a calendar date');
    expect(error.fields).toHaveLength(1);
    expect(error.extensions['requestId']).toBe('r-1');
  });

  it('says what the status says when the body is not the API own', () => {
    expect(csvRefusal(502, undefined).code).toBe('INTERNAL');
    expect(csvRefusal(503, 'down').code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('fetchStatisticsCsv', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function credentials(token: string | undefined, next?: string): Credentials {
    return { accessToken: async () => token, refresh: async () => next };
  }

  it('sends the session token and names the file', async () => {
    const fetchMock = jest.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response('period,metric,breakdown,value\r\n', {
          headers: {
            'content-disposition': 'attachment; filename="lintas-statistics-2026-01-01-to-2026-11-27.csv"',
          },
        }),
    );
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const file = await fetchStatisticsCsv(filters, credentials('t1'));
    expect(file.fileName).toBe('statistik-lintas-2026-01-01-2026-11-27.csv');
    expect(await file.blob.text()).toBe('period,metric,breakdown,value\r\n');
    expect(fetchMock.mock.calls[0]?.[1]?.headers).toMatchObject({ authorization: 'Bearer t1' });
  });

  it('refreshes a refused token once, then asks again', async () => {
    const fetchMock = jest
      .fn(async (_url: string, _init?: RequestInit) => new Response('x'))
      .mockResolvedValueOnce(Response.json({ code: 'UNAUTHENTICATED', message: 'expired' }, { status: 401 }));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    await fetchStatisticsCsv(filters, credentials('old', 'new'));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[1]?.[1]?.headers).toMatchObject({ authorization: 'Bearer new' });
  });

  it('throws the API refusal with its code', async () => {
    globalThis.fetch = async () =>
      Response.json(
        { code: 'BAD_USER_INPUT', message: 'to', fields: [{ path: 'to', message: 'is before from' }] },
        { status: 400 },
      );
    const failure = fetchStatisticsCsv(filters, credentials('t1'));
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('says NETWORK when the API cannot be reached', async () => {
    globalThis.fetch = async () => {
      throw new TypeError('failed to fetch');
    };
    await expect(fetchStatisticsCsv(filters, credentials(undefined))).rejects.toMatchObject({
      code: 'NETWORK',
    });
  });
});
