import type { Locale } from '../i18n/locale';

/** The names officers use for the API's codes, in both languages; the compiler checks every code is named. */
export type Names<Code extends string> = Record<Locale, Record<Code, string>>;

export function named<Code extends string>(names: Record<Code, string>, code: string): string | undefined {
  return Object.hasOwn(names, code) ? names[code as Code] : undefined;
}

/** A code's name in the officer's language; a code the console does not know yet shows as it is. */
export function label<Code extends string>(names: Names<Code>, code: string, locale: Locale): string {
  return named(names[locale], code) ?? code;
}

/** The codes of a list of names, in the order written (the order a select offers them). */
export function codesOf<Code extends string>(names: Names<Code>): Code[] {
  return Object.keys(names.id) as Code[];
}

/** How a badge is coloured; the word is always written too, colour alone says nothing to some officers. */
export type Tone = 'ok' | 'warning' | 'danger' | 'neutral';

/** The CSS class of a badge of that tone (styles.css). */
export function badgeClass(tone: Tone): string {
  return tone === 'neutral' ? 'badge' : `badge badge-${tone}`;
}
