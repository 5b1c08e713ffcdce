import type { ReactNode } from 'react';

/** Placeholder until this page is built; replaced by its owner. */
export default function AlertsPage(): ReactNode {
  return <h1>AlertsPage</h1>;
}
