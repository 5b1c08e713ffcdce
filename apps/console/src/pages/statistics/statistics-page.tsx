import type { ReactNode } from 'react';

/** Placeholder until this page is built; replaced by its owner. */
export default function StatisticsPage(): ReactNode {
  return <h1>StatisticsPage</h1>;
}
