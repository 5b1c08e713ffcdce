import type { FieldError } from '#lintas/core';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; a bound keeps one request from being a way to make the server work. */
export const PASSWORD_MAX_LENGTH = 128;
const MIN_DISTINCT_CHARACTERS = 6;
/** What is left once known words and keyboard runs are taken out must still be a password by itself. */
const MIN_OWN_CHARACTERS = 8;
/** A run this long along a keyboard row or a sequence counts as pattern, not as chosen characters. */
const MIN_RUN = 4;

/** Rows, columns and sequences people slide along; each is also matched backwards. */
const SEQUENCES = [
  '`1234567890-=',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'qwertzuiop',
  'azertyuiop',
  'abcdefghijklmnopqrstuvwxyz',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
].flatMap((sequence) => [sequence, [...sequence].reverse().join('')]);

/**
 * The words cracking lists try first, in English and Indonesian, and the names of this system and
 * its agencies. Compared after undoing the usual digit-for-letter swaps (p4ssw0rd is password).
 */
const WEAK_WORDS = [
  'password',
  'passwort',
  'letmein',
  'welcome',
  'iloveyou',
  'administrator',
  'admin',
  'login',
  'changeme',
  'default',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'football',
  'superman',
  'trustno',
  'rahasia',
  'sayang',
  'cinta',
  'bismillah',
  'merdeka',
  'garuda',
  'indonesia',
  'jakarta',
  'lintas',
  'bp3mi',
  'disnaker',
  'kemnaker',
];

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/**
 * Every way a new password falls short of the policy, each as a field error at `path`; none when
 * it is acceptable. For create-user and changePassword alike.
 */
export function passwordPolicyErrors(path: string, password: string, username: string): FieldError[] {
  const characters = [...password];
  if (characters.length > PASSWORD_MAX_LENGTH) {
    return [{ path, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  }
  const problems: string[] = [];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) problems.push('must not contain the username');
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS) {
    problems.push(`needs at least ${MIN_DISTINCT_CHARACTERS} different characters`);
  } else if (characters.length >= PASSWORD_MIN_LENGTH && ownCharacters(lower) < MIN_OWN_CHARACTERS) {
    // A short password is told its length only: that is the change it needs first.
    problems.push('is made of a well-known password or a keyboard pattern');
  }
  return problems.map((message) => ({ path, message }));
}

/** How many characters remain once keyboard runs, repeats and weak words are taken out. */
function ownCharacters(lower: string): number {
  const withoutWords = WEAK_WORDS.reduce(
    (rest, word) => rest.replaceAll(word, ''),
    [...withoutRuns(lower)].map((character) => LEET[character] ?? character).join(''),
  );
  return [...withoutRuns(withoutWords)].length;
}

/** Drops every run of MIN_RUN or more characters that is one repeated character or part of a sequence. */
function withoutRuns(text: string): string {
  const characters = [...text];
  const kept: string[] = [];
  let start = 0;
  while (start < characters.length) {
    let end = start + 1;
    while (end < characters.length && isPattern(characters.slice(start, end + 1).join(''))) end += 1;
    if (end - start >= MIN_RUN) {
      start = end;
    } else {
      kept.push(characters[start] ?? '');
      start += 1;
    }
  }
  return kept.join('');
}

function isPattern(run: string): boolean {
  return new Set(run).size === 1 || SEQUENCES.some((sequence) => sequence.includes(run));
}
