import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';
import type { ExtraRoute } from './http-server';
import { sendError } from './respond';

/** Where a built page is served, and how its "not built" answer names it. */
export interface PageMount {
  mount: string;
  title: string;
  command: string;
}

const DASHBOARD: PageMount = {
  mount: '/dashboard',
  title: 'The dashboard',
  command: 'pnpm build:dashboard',
};

/** The example storefront chat (client/storefront-chat), built by `pnpm build`. */
export const STOREFRONT_CHAT: PageMount = {
  mount: '/chat',
  title: 'The storefront chat page',
  command: 'pnpm build',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file name directly in the dist dir: no separators, no dot files, no `..`. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;

const HOST = /^[A-Za-z0-9.-]+(?::\d+)?$|^\[[0-9A-Fa-f:.]+\](?::\d+)?$/;

/**
 * The page: same-origin scripts, styles and sockets only. The socket origins are named too,
 * for browsers whose `'self'` does not cover ws: / wss:.
 */
function htmlHeaders(host: string | undefined): Record<string, string> {
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return {
    'cache-control': 'no-cache',
    'content-security-policy': `default-src 'self'; connect-src 'self'${sockets}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    'referrer-policy': 'no-referrer',
  };
}

const notBuiltPage = (page: PageMount) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aisle: not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>${page.title} has not been built</h1>
<p>Run <code>${page.command}</code>, then reload this page.</p>
</body></html>
`;

/** `client/dist/dashboard` of this repository (where `scripts/build-dashboard.ts` writes). */
export function defaultDashboardDir(): string {
  return fileURLToPath(new URL('../../../client/dist/dashboard/', import.meta.url));
}

/** `client/dist/storefront-chat` (where `scripts/build-storefront-chat.ts` writes). */
export function defaultStorefrontChatDir(): string {
  return fileURLToPath(new URL('../../../client/dist/storefront-chat/', import.meta.url));
}

/** The asset a path names: `index.html` for the mount itself, `undefined` when not ours. */
function assetName(mount: string, pathname: string): string | undefined {
  if (pathname === mount || pathname === `${mount}/`) return 'index.html';
  if (!pathname.startsWith(`${mount}/`)) return undefined;
  const raw = pathname.slice(mount.length + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // malformed escapes: left as is, then rejected by SAFE_NAME
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

async function serve(
  dir: string,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
  page: PageMount,
): Promise<void> {
  const notFound = () =>
    sendError(res, new AppError('NOT_FOUND', `No ${page.mount} asset '${name}'`));
  const type = CONTENT_TYPES[extname(name)];
  if (!SAFE_NAME.test(name) || type === undefined) return notFound();
  let body: Buffer;
  try {
    body = await readFile(join(dir, name));
  } catch (err) {
    if (!isMissing(err)) throw err;
    if (name === 'index.html' || !(await exists(join(dir, 'index.html')))) {
      return notBuilt(res, page);
    }
    return notFound();
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'x-content-type-options': 'nosniff',
    ...(name.endsWith('.html') ? htmlHeaders(req.headers.host) : { 'cache-control': 'no-cache' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function notBuilt(res: ServerResponse, page: PageMount): void {
  const body = notBuiltPage(page);
  res.writeHead(503, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'retry-after': '10',
  });
  res.end(body);
}

/**
 * `GET /dashboard` (the page) and `GET /dashboard/<file>` (its assets), read from the built dir;
 * the same for another built page at its own mount (`STOREFRONT_CHAT`: /chat).
 * Only plain file names directly in that dir are served; anything else is a 404.
 */
export function createDashboardRoute(distDir: string, page: PageMount = DASHBOARD): ExtraRoute {
  const dir = resolve(distDir);
  return (req, res, url) => {
    const name = assetName(page.mount, url.pathname);
    if (name === undefined) return false;
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here`), {
        allow: 'GET, HEAD',
      });
      return true;
    }
    serve(dir, name, req, res, page).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, err);
      else res.destroy();
    });
    return true;
  };
}
