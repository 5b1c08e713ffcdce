import type { ReactNode } from 'react';

/** Placeholder until this page is built; replaced by its owner. */
export default function PlacementsPage(): ReactNode {
  return <h1>PlacementsPage</h1>;
}
