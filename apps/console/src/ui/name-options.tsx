import type { ReactNode } from 'react';
import { useLocale } from '../i18n/locale';
import { label, type Names } from '../labels/names';

/** A select's options for codes, each named in the officer's language: every code named, or those given. */
export function NameOptions<Code extends string>({
  names,
  codes,
}: {
  names: Names<Code>;
  codes?: readonly Code[];
}): ReactNode {
  const locale = useLocale();
  return (codes ?? (Object.keys(names[locale]) as Code[])).map((code) => (
    <option key={code} value={code}>
      {label(names, code, locale)}
    </option>
  ));
}
