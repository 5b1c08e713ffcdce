import type { Locale } from '../i18n/locale';

/**
 * The countries most Indonesian migrant workers go to (BP2MI placement statistics), offered first;
 * the API takes any ISO 3166-1 alpha-2 code, so another country is typed as its code.
 */
export const COMMON_DESTINATIONS = [
  'MY',
  'TW',
  'HK',
  'SA',
  'SG',
  'KR',
  'JP',
  'BN',
  'AE',
  'QA',
  'KW',
  'OM',
  'BH',
  'TR',
  'PL',
  'IT',
  'DE',
  'AU',
] as const;

const ISO_CODE = /^[A-Z]{2}$/;

const NAMES: Record<Locale, string> = { id: 'id', en: 'en' };

/** An ISO 3166-1 alpha-2 code as typed: trimmed, upper case; undefined when it is not two letters. */
export function normaliseCountryCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return ISO_CODE.test(code) ? code : undefined;
}

/** A country's name in the officer's language, with its code: `Arab Saudi (SA)`; the code alone when unknown. */
export function countryName(code: string, locale: Locale): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([NAMES[locale]], { type: 'region', fallback: 'none' }).of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/**
 * The destinations to offer: those the officer's agency covers, the common ones, and the one
 * chosen now (from a bookmarked filter), each once, sorted by name in the officer's language.
 */
export function destinationOptions(
  extra: readonly string[],
  locale: Locale,
): { code: string; name: string }[] {
  const codes = new Set<string>([...COMMON_DESTINATIONS]);
  for (const code of extra) {
    const normal = normaliseCountryCode(code);
    if (normal) codes.add(normal);
  }
  return [...codes]
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
