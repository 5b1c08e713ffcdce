import { runCommand } from '../../apps/cli/src/commands.js';

/** Runs a CLI command in-process, as `npm run lintas -- …` would, and returns its JSON output. */
export async function cli<T = Record<string, unknown>>(argv: string[], stdin = ''): Promise<T> {
  const lines: string[] = [];
  await runCommand(
    argv,
    (line) => lines.push(line),
    () => Promise.resolve(stdin),
  );
  return JSON.parse(lines.join('\n')) as T;
}

let counter = 0;
const unique = (name: string): string => `${name}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export interface Officer {
  username: string;
  password: string;
  agencyCode: string;
}

/** An agency with one user, made through the CLI. */
export async function agencyWithUser(options: {
  kind: string;
  roles: string;
  provinces?: string;
  regencies?: string;
  countries?: string;
}): Promise<Officer> {
  const agencyCode = unique(options.kind.toLowerCase());
  await cli([
    'create-agency',
    '--code',
    agencyCode,
    '--name',
    `${options.kind} ${agencyCode}`,
    '--kind',
    options.kind,
    ...(options.provinces ? ['--provinces', options.provinces] : []),
    ...(options.regencies ? ['--regencies', options.regencies] : []),
    ...(options.countries ? ['--countries', options.countries] : []),
  ]);
  const username = unique('user');
  const password = `pw-${unique('secret')}`;
  await cli(
    [
      'create-user',
      '--username',
      username,
      '--name',
      `Officer ${username}`,
      '--agency',
      agencyCode,
      '--roles',
      options.roles,
    ],
    `${password}\n`,
  );
  return { username, password, agencyCode };
}

/** Points an agency's alerts at a webhook and/or e-mail addresses; returns the webhook's signing secret. */
export async function setAlertChannels(
  agencyCode: string,
  channels: { webhookUrl?: string; emails?: string[] },
): Promise<string | null> {
  const { webhookSecret } = await cli<{ webhookSecret: string | null }>([
    'set-alert-channels',
    '--agency',
    agencyCode,
    ...(channels.webhookUrl ? ['--webhook-url', channels.webhookUrl] : []),
    ...(channels.emails ? ['--emails', channels.emails.join(',')] : []),
  ]);
  return webhookSecret;
}

/** A NIK consistent with the given regency, date of birth and sex (40 added to a woman's day). */
export function nikFor(regencyCode: string, dateOfBirth: string, sex: 'FEMALE' | 'MALE', serial = 1): string {
  const [year = '', month = '', day = ''] = dateOfBirth.split('-');
  const encodedDay = Number(day) + (sex === 'FEMALE' ? 40 : 0);
  return `${regencyCode}01${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/** A registration input whose NIK agrees with its regency, birth date and sex. */
export function workerInput(
  options: { regencyCode?: string; dateOfBirth?: string; sex?: 'FEMALE' | 'MALE'; serial?: number } = {},
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const { regencyCode = '6372', dateOfBirth = '1992-04-20', sex = 'FEMALE', serial = 1 } = options;
  return {
    nik: nikFor(regencyCode, dateOfBirth, sex, serial),
    fullName: `Worker ${regencyCode}-${serial}`,
    sex,
    dateOfBirth,
    originRegencyCode: regencyCode,
    ...overrides,
  };
}

/** An embassy for one country, with a PARTNER API key for its systems: the headers that carry it. */
export async function embassyKey(code: string, country: string): Promise<Record<string, string>> {
  await cli(['create-agency', '--code', code, '--name', code, '--kind', 'EMBASSY', '--countries', country]);
  const { key } = await cli<{ key: string }>([
    'create-api-key',
    '--agency',
    code,
    '--name',
    `${code} system`,
    '--roles',
    'PARTNER',
  ]);
  return { 'x-api-key': key };
}
