/**
 * A small history router: paths are real URLs (/cases/<id>), so a deep link or a reload
 * opens the same screen. The server and the service worker answer every non-/api path
 * with index.html, and this turns the path into a route.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  /** `assignedTo`: only the cases assigned to this staff member (her user id). */
  | { readonly name: 'cases'; readonly assignedTo?: string }
  | { readonly name: 'caseload' }
  | { readonly name: 'newCase' }
  | { readonly name: 'caseFile'; readonly caseId: string }
  | { readonly name: 'referralLetter'; readonly caseId: string; readonly referralId: string }
  | { readonly name: 'today' }
  | { readonly name: 'syncStatus' }
  | { readonly name: 'tablets' }
  | { readonly name: 'staff' }
  | { readonly name: 'audit' }
  | { readonly name: 'changePin' }
  | { readonly name: 'centreReport' }
  | { readonly name: 'stateDashboard' }
  | { readonly name: 'stateDistrict'; readonly districtCode: string }
  | { readonly name: 'notFound' };

export const paths = {
  cases: '/',
  newCase: '/cases/new',
  casesAssignedTo: (userId: string) => `/cases/assigned/${encodeURIComponent(userId)}`,
  caseload: '/caseload',
  caseFile: (caseId: string) => `/cases/${encodeURIComponent(caseId)}`,
  referralLetter: (caseId: string, referralId: string) =>
    `/cases/${encodeURIComponent(caseId)}/referrals/${encodeURIComponent(referralId)}/letter`,
  today: '/today',
  syncStatus: '/sync',
  tablets: '/tablets',
  staff: '/staff',
  audit: '/audit',
  changePin: '/account/pin',
  centreReport: '/reports/monthly',
  stateDashboard: '/state',
  stateDistrict: (districtCode: string) => `/state/districts/${encodeURIComponent(districtCode)}`,
} as const;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/cases') return { name: 'cases' };
  if (path === '/cases/new') return { name: 'newCase' };
  if (path === '/caseload') return { name: 'caseload' };
  const assignedMatch = /^\/cases\/assigned\/([^/]+)$/.exec(path);
  if (assignedMatch?.[1]) {
    return { name: 'cases', assignedTo: decodeURIComponent(assignedMatch[1]) };
  }
  if (path === '/today') return { name: 'today' };
  if (path === '/sync') return { name: 'syncStatus' };
  if (path === '/tablets') return { name: 'tablets' };
  if (path === '/staff') return { name: 'staff' };
  if (path === '/audit') return { name: 'audit' };
  if (path === '/account/pin') return { name: 'changePin' };
  if (path === '/reports/monthly') return { name: 'centreReport' };
  if (path === '/state') return { name: 'stateDashboard' };
  const districtMatch = /^\/state\/districts\/([^/]+)$/.exec(path);
  if (districtMatch?.[1]) {
    return { name: 'stateDistrict', districtCode: decodeURIComponent(districtMatch[1]) };
  }
  const letterMatch = /^\/cases\/([^/]+)\/referrals\/([^/]+)\/letter$/.exec(path);
  if (letterMatch?.[1] && letterMatch[2]) {
    return {
      name: 'referralLetter',
      caseId: decodeURIComponent(letterMatch[1]),
      referralId: decodeURIComponent(letterMatch[2]),
    };
  }
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch?.[1]) return { name: 'caseFile', caseId: decodeURIComponent(caseMatch[1]) };
  return { name: 'notFound' };
}

const listeners = new Set<() => void>();

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
  window.scrollTo?.(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** Same-origin links move within the app instead of reloading it (and losing a half-typed form). */
export function interceptLinkClicks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    if (!(anchor instanceof HTMLAnchorElement) || anchor.target || anchor.hasAttribute('download'))
      return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
