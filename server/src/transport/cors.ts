import type { IncomingMessage, ServerResponse } from 'node:http';

/** CORS from CORS_ORIGINS ("*" or a comma list). Returns true when it answered a preflight. */
export function createCors(origins: string | undefined) {
  const list = (origins ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const any = list.includes('*');
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin || (!any && !list.includes(origin))) return false;
    res.setHeader('access-control-allow-origin', any ? '*' : origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'X-Session-Token, Retry-After, X-Request-Id');
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
