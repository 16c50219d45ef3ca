import type { IncomingMessage } from 'node:http';
import type { Config } from '../config';
import { AppError } from '../errors';
import { corsOriginList } from './cors';

/** Methods that change something; GET (reads, streams by id) cannot be forged into an act. */
const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Guards a request that proves ownership with the session cookie (a browser sends it on its
 * own, so another site could make the browser send it). Such a request, when it changes
 * state, must
 * - for POST and PATCH, be `Content-Type: application/json`: a cross-site HTML form can only
 *   send urlencoded, multipart or text/plain, and a cross-site fetch sending JSON needs a CORS
 *   preflight that only CORS_ORIGINS pass (DELETE needs that preflight by its method alone);
 * - come from the server's own host or one of CORS_ORIGINS (`Origin`, else `Referer`): a
 *   request naming neither is refused, since every browser names one on these methods.
 * A `*` in CORS_ORIGINS lets any site read public answers, never act with a shopper's cookie.
 */
export function assertSameOriginIntent(
  req: IncomingMessage,
  config: Pick<Config, 'CORS_ORIGINS' | 'TRUST_PROXY'>,
): void {
  const method = req.method ?? 'GET';
  if (!STATE_CHANGING.has(method)) return;
  if (method !== 'DELETE') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw csrf(
        `A request authenticated by the session cookie must be Content-Type: application/json (got ${type || 'none'})`,
      );
    }
  }
  const origin = requestOrigin(req);
  if (origin === undefined) {
    throw csrf('A request authenticated by the session cookie must send an Origin header');
  }
  if (!originAllowed(origin, req, config)) {
    throw csrf(`Origin ${origin} may not act with the session cookie`);
  }
}

const csrf = (message: string) => new AppError('CSRF_REJECTED', message);

/** The Origin header, else the origin of the Referer; `null` (an opaque origin) is kept as is. */
function requestOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin) return origin;
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

function originAllowed(
  origin: string,
  req: IncomingMessage,
  config: Pick<Config, 'CORS_ORIGINS' | 'TRUST_PROXY'>,
): boolean {
  if (corsOriginList(config.CORS_ORIGINS).includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // `null` or garbage
  }
  if (host === '') return false;
  // The request's own host: what the browser addressed (through a trusted proxy, as forwarded).
  const forwarded = config.TRUST_PROXY ? firstValue(req.headers['x-forwarded-host']) : undefined;
  const own = [forwarded, req.headers.host].filter((h): h is string => Boolean(h));
  return own.some((h) => h.toLowerCase() === host.toLowerCase());
}

const firstValue = (v: string | string[] | undefined) =>
  (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
