import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export { matchPath } from './route-match';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to a page of the console without reloading it; `replace` when Back should skip this step. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

/** The current path and query, re-rendering when either changes. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, search: url.searchParams };
}

/**
 * Sets query parameters of the current page (filters, the page cursor) so that a list can be
 * bookmarked, shared and reloaded as it is; an empty value removes its parameter.
 */
export function setSearch(
  values: Record<string, string | undefined>,
  options: { replace?: boolean } = {},
): void {
  const search = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === '') search.delete(name);
    else search.set(name, value);
  }
  const query = search.toString();
  navigate(`${location.pathname}${query ? `?${query}` : ''}`, options);
}

/** A link within the console: a real anchor (open in a new tab works), followed without a reload. */
export function Link({
  to,
  children,
  ...attributes
}: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>): ReactNode {
  const follow = (event: MouseEvent<HTMLAnchorElement>): void => {
    attributes.onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...attributes} href={to} onClick={follow}>
      {children}
    </a>
  );
}
