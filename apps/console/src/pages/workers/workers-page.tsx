import type { ReactNode } from 'react';

/** Placeholder until this page is built; replaced by its owner. */
export default function WorkersPage(): ReactNode {
  return <h1>WorkersPage</h1>;
}
