import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parseCookie, type SetCookie, stringifySetCookie } from 'cookie';
import type { Config } from '../config';
import { bearerCredentials, type Credentials } from '../context';

/** The browser sends the cookie to the REST API only (not to /trpc, not to pages). */
export const SESSION_COOKIE_PATH = '/api/v1/shopping';

export type CookieConfig = Pick<
  Config,
  | 'SESSION_COOKIE'
  | 'SESSION_COOKIE_NAME'
  | 'SESSION_COOKIE_MAX'
  | 'COOKIE_SECURE'
  | 'SESSION_TTL_SECONDS'
  | 'TRUST_PROXY'
>;

/**
 * One cookie per session, `<SESSION_COOKIE_NAME>_<sessionId>` = its token: two tabs creating
 * sessions at the same moment each add their own cookie, where one cookie holding a map would
 * be rewritten by whichever answer came last and lose the other session. Session ids are
 * `[A-Za-z0-9._-]`, all legal in a cookie name.
 */
export const cookieNameFor = (config: CookieConfig, sessionId: string) =>
  `${config.SESSION_COOKIE_NAME}_${sessionId}`;

/** How a request proved (or tried to prove) ownership of a session. */
export type CredentialSource = 'header' | 'cookie' | 'none';

export interface RequestCredentials {
  credentials: Credentials;
  source: CredentialSource;
}

/** The Aisle session cookies a request carries, in the order the browser sent them. */
export function sessionCookies(req: IncomingMessage, config: CookieConfig): Map<string, string> {
  const found = new Map<string, string>();
  const header = req.headers.cookie;
  if (!config.SESSION_COOKIE || !header) return found;
  const prefix = `${config.SESSION_COOKIE_NAME}_`;
  // parseCookie keeps the first of duplicate names and the header's order (object key order).
  for (const [name, value] of Object.entries(parseCookie(header))) {
    if (name.startsWith(prefix) && name.length > prefix.length && value) {
      found.set(name.slice(prefix.length), value);
    }
  }
  return found;
}

/**
 * Ownership credentials of a REST request: `Authorization: Bearer` when sent (it wins, and
 * also serves as an admin token), else the cookie of the session in question (the id in the
 * path or body), else none. The cookie never serves as an admin token. Another scheme (a
 * browser's own `Basic` for a password-protected staging site) is not a bearer: the cookie
 * still counts, and so does the CSRF guard.
 */
export function credentialsFromRequest(
  req: IncomingMessage,
  sessionId: string | undefined,
  config: CookieConfig,
): RequestCredentials {
  const bearer = bearerCredentials(req.headers.authorization);
  if (bearer.sessionToken !== undefined) return { credentials: bearer, source: 'header' };
  const token = sessionId === undefined ? undefined : sessionCookies(req, config).get(sessionId);
  if (token === undefined) return { credentials: {}, source: 'none' };
  return { credentials: { sessionToken: token }, source: 'cookie' };
}

/** HTTPS as the browser saw it: TLS here, or a trusted proxy's X-Forwarded-Proto. */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

function attributes(req: IncomingMessage, config: CookieConfig): Omit<SetCookie, 'name' | 'value'> {
  return {
    path: SESSION_COOKIE_PATH,
    httpOnly: true,
    // Strict rather than Lax: the cookie is only ever sent by the storefront's own scripts
    // (fetch, EventSource), never on a top-level navigation, so Lax's one extra case (a link
    // from another site) buys nothing and would send the cookie on a cross-site GET.
    sameSite: 'strict',
    secure: config.COOKIE_SECURE || isHttps(req, config.TRUST_PROXY),
  };
}

function appendSetCookie(res: ServerResponse, values: string[]): void {
  if (values.length === 0) return;
  const before = res.getHeader('set-cookie');
  const list = before === undefined ? [] : Array.isArray(before) ? before : [String(before)];
  res.setHeader('set-cookie', [...list, ...values]);
}

/**
 * Sets the new session's cookie (Max-Age = SESSION_TTL_SECONDS) and, past SESSION_COOKIE_MAX
 * cookies in this browser, expires the oldest ones (browsers send cookies of one path oldest
 * first, RFC 6265 5.4), so a shopper who opens many chats cannot fill the browser's jar.
 */
export function setSessionCookie(
  req: IncomingMessage,
  res: ServerResponse,
  config: CookieConfig,
  session: { id: string; token: string },
): void {
  if (!config.SESSION_COOKIE) return;
  const attrs = attributes(req, config);
  const held = [...sessionCookies(req, config).keys()].filter((id) => id !== session.id);
  const excess = held.slice(0, Math.max(0, held.length - (config.SESSION_COOKIE_MAX - 1)));
  appendSetCookie(res, [
    ...excess.map((id) => expired(config, id, attrs)),
    stringifySetCookie({
      name: cookieNameFor(config, session.id),
      value: session.token,
      ...attrs,
      maxAge: config.SESSION_TTL_SECONDS,
    }),
  ]);
}

/** Expires the session's cookie (after DELETE /session/{id}), when the request carried it. */
export function clearSessionCookie(
  req: IncomingMessage,
  res: ServerResponse,
  config: CookieConfig,
  sessionId: string,
): void {
  if (!config.SESSION_COOKIE || !sessionCookies(req, config).has(sessionId)) return;
  appendSetCookie(res, [expired(config, sessionId, attributes(req, config))]);
}

function expired(config: CookieConfig, id: string, attrs: Omit<SetCookie, 'name' | 'value'>) {
  return stringifySetCookie({
    name: cookieNameFor(config, id),
    value: '',
    ...attrs,
    maxAge: 0,
    expires: new Date(0),
  });
}

/** Whether the request carries a bearer token (which then wins over any cookie). */
export const hasBearer = (req: IncomingMessage): boolean =>
  bearerCredentials(req.headers.authorization).sessionToken !== undefined;
