import type { ReactNode } from 'react';

/** Placeholder until this page is built; replaced by its owner. */
export default function PostPlacementPage(): ReactNode {
  return <h1>PostPlacementPage</h1>;
}
