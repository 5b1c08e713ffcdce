import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { shell } from './messages';

/**
 * The console's pages, each its own chunk: the first page loads only the shell and itself, the
 * rest arrive when the officer opens them. `path` patterns take `:name` parameters.
 */
export interface Route {
  path: string;
  page: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
  /** The left navigation entry this page belongs to. */
  section: keyof typeof shell.id;
}

const WorkersPage = lazy(() => import('../pages/workers/workers-page'));
const PlacementsPage = lazy(() => import('../pages/placements/placements-page'));
const RegisterPlacementPage = lazy(() => import('../pages/placements/register-placement-page'));
const PlacementPage = lazy(() => import('../pages/placements/placement-page'));
const AlertsPage = lazy(() => import('../pages/alerts/alerts-page'));
const PostPlacementPage = lazy(() => import('../pages/post-placement/post-placement-page'));
const StatisticsPage = lazy(() => import('../pages/statistics/statistics-page'));

export const ROUTES: Route[] = [
  { path: '/pekerja', page: WorkersPage, section: 'workers' },
  { path: '/penempatan', page: PlacementsPage, section: 'placements' },
  // Before `/penempatan/:id`, which would take `baru` for an id.
  { path: '/penempatan/baru', page: RegisterPlacementPage, section: 'placements' },
  { path: '/penempatan/:id', page: PlacementPage, section: 'placements' },
  { path: '/peringatan', page: AlertsPage, section: 'alerts' },
  { path: '/purna', page: PostPlacementPage, section: 'postPlacement' },
  { path: '/statistik', page: StatisticsPage, section: 'statistics' },
];

/** The left navigation, in the order of a placement's life. */
export const NAVIGATION: { to: string; section: keyof typeof shell.id }[] = [
  { to: '/pekerja', section: 'workers' },
  { to: '/penempatan', section: 'placements' },
  { to: '/peringatan', section: 'alerts' },
  { to: '/purna', section: 'postPlacement' },
  { to: '/statistik', section: 'statistics' },
];
