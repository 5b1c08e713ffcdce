import type { ReactNode } from 'react';

/** Placeholder until this page is built; replaced by its owner. */
export default function PlacementPage(): ReactNode {
  return <h1>PlacementPage</h1>;
}
