import { ApiError, isFieldProblem } from '../../api/api-error';
import { sessionStore } from '../../api/session-store';
import { toStatisticsFilter, type StatisticsSearch } from './filters';

/** The figures as CSV, served by the API beside /graphql (Vite proxies it in development). */
export const STATISTICS_CSV_PATH = '/reports/statistics.csv';

/** A slow link may take a while over a long period; past this the officer is told rather than left waiting. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Where the access token comes from: the session, refreshed once when the API refuses it. */
export interface Credentials {
  accessToken(): Promise<string | undefined>;
  refresh(): Promise<string | undefined>;
}

/** The CSV's URL for the filters: only those given, by the API's parameter names. */
export function statisticsCsvUrl(filters: StatisticsSearch): string {
  const query = new URLSearchParams(toStatisticsFilter(filters)).toString();
  return query ? `${STATISTICS_CSV_PATH}?${query}` : STATISTICS_CSV_PATH;
}

const SERVER_FILE_NAME = /filename="lintas-statistics-(?:(\d{4}-\d{2}-\d{2})-)?to-(\d{4}-\d{2}-\d{2})\.csv"/;

/**
 * The file's name on the officer's disk: `statistik-lintas-2026-01-01-2026-11-30.csv`. The period
 * is the one the API counted (its Content-Disposition), which knows what "today" was; the filters
 * when it did not say; `awal` (the first record) for a period without a start.
 */
export function statisticsCsvFileName(contentDisposition: string | null, filters: StatisticsSearch): string {
  const match = contentDisposition ? SERVER_FILE_NAME.exec(contentDisposition) : null;
  const from = match ? (match[1] ?? 'awal') : filters.from || 'awal';
  const to = match?.[2] ?? (filters.to || 'hari-ini');
  return `statistik-lintas-${from}-${to}.csv`;
}

/** A refusal of the CSV route (`{ code, message, fields, requestId }`) as the console's ApiError. */
export function csvRefusal(status: number, body: unknown): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { code, message, fields, ...extensions } = record;
  const problems = Array.isArray(fields) ? fields.filter(isFieldProblem) : [];
  const fallback = status === 503 ? 'SERVICE_UNAVAILABLE' : status >= 500 ? 'INTERNAL' : 'BAD_USER_INPUT';
  return new ApiError(
    typeof code === 'string' ? code : fallback,
    typeof message === 'string' ? message : `HTTP ${status}`,
    problems,
    extensions,
  );
}

/**
 * Fetches the figures as a CSV file with the session's token (a link cannot carry the
 * Authorization header). A token refused mid-session is refreshed once, as for GraphQL. Every
 * failure is an ApiError: the API's code from the body, or NETWORK when it could not be reached.
 */
export async function fetchStatisticsCsv(
  filters: StatisticsSearch,
  credentials: Credentials = sessionStore,
): Promise<{ blob: Blob; fileName: string }> {
  const url = statisticsCsvUrl(filters);
  const token = await credentials.accessToken();
  let response = await get(url, token);
  if (response.status === 401 && token) {
    const next = await credentials.refresh();
    if (next) response = await get(url, next);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw csvRefusal(response.status, body);
  }
  const blob = await response.blob().catch(() => {
    throw new ApiError('NETWORK', 'the download was cut short');
  });
  return { blob, fileName: statisticsCsvFileName(response.headers.get('content-disposition'), filters) };
}

async function get(url: string, token: string | undefined): Promise<Response> {
  const timeout = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
  try {
    return await fetch(url, {
      headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: timeout,
    });
  } catch {
    throw new ApiError('NETWORK', timeout.aborted ? 'timed out' : 'unreachable');
  }
}

/** Hands a file to the browser's downloads, as a link to it would. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the URL once the click is handled; freed on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
