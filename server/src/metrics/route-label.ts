import type { AnyRouter } from '@trpc/server';
import { appRouter } from '../routers';
import { matchRoute } from '../transport/rest/routes';

const procedures = new Set(Object.keys((appRouter as AnyRouter)._def.procedures));
const FIXED = new Set([
  '/api/v1/openapi.json',
  '/api/v1/shopping/chat',
  '/health',
  '/health/live',
  '/health/ready',
  '/metrics',
]);
const REST_BASE = '/api/v1/shopping';

/**
 * The route TEMPLATE of a request, never its raw path: ids, skus and unknown paths would give
 * every session its own time series. Anything not served by a known route is `(other)`.
 */
export function routeLabel(method: string, pathname: string): string {
  if (FIXED.has(pathname)) return pathname;
  if (pathname === '/trpc' || pathname.startsWith('/trpc/')) return trpcLabel(pathname);
  if (pathname === REST_BASE || pathname.startsWith(`${REST_BASE}/`)) {
    return restLabel(method, pathname.slice(REST_BASE.length) || '/');
  }
  return '(other)';
}

/** A procedure path as a label: itself when the router has it, `(unknown)` otherwise. */
export function procedureLabel(path: string): string {
  return procedures.has(path) ? path : '(unknown)';
}

/** `/trpc/shopping.query`; a batch of several procedures is one label, not one per mix. */
function trpcLabel(pathname: string): string {
  const names = pathname.slice('/trpc/'.length).split(',');
  if (!names.every((n) => procedures.has(n))) return '/trpc/(unknown)';
  return names.length === 1 ? `/trpc/${names[0]}` : '/trpc/(batch)';
}

function restLabel(method: string, path: string): string {
  try {
    const { match, allowed } = matchRoute(method, path);
    if (match) return `${REST_BASE}${match.route.path}`;
    return allowed.length > 0 ? `${REST_BASE}/(method not allowed)` : `${REST_BASE}/(unknown)`;
  } catch {
    // A path parameter that is not valid URL encoding: the adapter answers 400.
    return `${REST_BASE}/(invalid)`;
  }
}
