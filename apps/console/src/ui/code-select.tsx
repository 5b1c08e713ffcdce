import type { ComponentProps, ReactNode } from 'react';
import type { Names } from '../labels/names';
import { SelectField } from './field';
import { NameOptions } from './name-options';

/**
 * A labelled select of codes, each by its name in the officer's language, after a first option
 * for none ("Semua", "— Pilih —"): every code named, or those given; options given as children
 * follow the codes.
 */
export function CodeSelect<Code extends string>({
  noneText,
  codes,
  names,
  children,
  ...select
}: ComponentProps<typeof SelectField> & {
  noneText: string;
  names: Names<Code>;
  codes?: readonly Code[];
}): ReactNode {
  return (
    <SelectField {...select}>
      <option value="">{noneText}</option>
      <NameOptions names={names} codes={codes} />
      {children}
    </SelectField>
  );
}
