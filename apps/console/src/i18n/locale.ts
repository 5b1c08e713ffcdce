import { useSyncExternalStore } from 'react';

/** Indonesian first; English for the officers and partners who read it better. */
export type Locale = 'id' | 'en';

const STORAGE_KEY = 'lintas.locale';
const listeners = new Set<() => void>();
let current: Locale = storedLocale();
if (typeof document !== 'undefined') document.documentElement.lang = current;

/** The language chosen earlier on this browser; Indonesian when none (or outside a browser, in unit tests). */
function storedLocale(): Locale {
  return typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

export function setLocale(locale: Locale): void {
  current = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/**
 * A page's words in both languages. English must name every key Indonesian does (the compiler
 * checks), so a label is never missing in one of them.
 */
export function defineMessages<Keys extends string>(messages: {
  id: Record<Keys, string>;
  en: Record<Keys, string>;
}): { id: Record<Keys, string>; en: Record<Keys, string> } {
  return messages;
}

/** The words of the officer's language. */
export function useMessages<Keys extends string>(messages: {
  id: Record<Keys, string>;
  en: Record<Keys, string>;
}): Record<Keys, string> {
  return messages[useLocale()];
}

/** Fills `{name}` placeholders: `fill('{count} pekerja', { count: 3 })`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
