import type { ReactNode } from 'react';

/** One line of a description list: what is described, then what the record says of it. */
export function Fact({ term, children }: { term: string; children: ReactNode }): ReactNode {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
