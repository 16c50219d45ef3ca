import type { IncomingMessage, ServerResponse } from 'node:http';

/** CORS_ORIGINS as a list of origins (`*` among them means any). */
export const corsOriginList = (origins: string | undefined): string[] =>
  (origins ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * CORS from CORS_ORIGINS ("*" or a comma list). Returns true when it answered a preflight.
 * Only an origin named in the list may send credentials (the session cookie): never with `*`.
 */
export function createCors(origins: string | undefined) {
  const list = corsOriginList(origins);
  const any = list.includes('*');
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin || (!any && !list.includes(origin))) return false;
    const named = list.includes(origin);
    res.setHeader('access-control-allow-origin', named ? origin : '*');
    if (named) res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('vary', 'Origin');
    res.setHeader(
      'access-control-expose-headers',
      'X-Session-Token, Retry-After, X-Request-Id, x-vercel-ai-ui-message-stream',
    );
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers':
        req.headers['access-control-request-headers'] ?? 'authorization, content-type',
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  };
}
