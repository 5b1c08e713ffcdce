import type { ReactNode } from 'react';
import { Link } from '../router';

/**
 * A sentence with a link in it, placed where the sentence's `{slot}` stands: each language puts
 * the link where its own grammar does.
 */
export function LinkedText({
  text,
  slot,
  to,
  children,
}: {
  text: string;
  slot: string;
  to: string;
  children: ReactNode;
}): ReactNode {
  const [before, after] = text.split(`{${slot}}`);
  return (
    <>
      {before}
      <Link to={to}>{children}</Link>
      {after}
    </>
  );
}
