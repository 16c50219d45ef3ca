/**
 * The HTTP benchmark's baseline: the ideal implementation of a REST cart add, a plain
 * node:http + ioredis server answering POST /api/v1/shopping/session/{id}/cart/add:
 *
 *   1. the JSON body parsed, the SKU looked up in an in-memory catalog (name, price);
 *   2. the bearer token hashed (sha256 hex, as server/src/services/tokens.ts hashToken);
 *   3. ONE Lua script (ideal-lua.ts HTTP_CART_ADD, one round trip): the hash checked against
 *      the stored one, the line added to, the session's TTLs slid, the `cart.updated` event
 *      appended to the session's stream and to the global stream (XADD MAXLEN ~), the
 *      counters bumped; it returns the cart's JSON;
 *   4. that JSON answered in the REST envelope, never parsed here.
 *
 * No validation library, no router, no transformer, no second round trip: the floor the
 * framework layers and the store's data path are compared to.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GLOBAL_LOG_MAX,
  type IdealScripts,
  idealKeys,
  SESSION_LOG_MAX,
  slidingKeys,
} from './direct-redis';

export interface BaselineItem {
  sku: string;
  name: string;
  price: number;
  category: string;
}

export interface BaselineServer {
  port: number;
  close(): Promise<void>;
}

const ROUTE = /^\/api\/v1\/shopping\/session\/([A-Za-z0-9._-]{8,128})\/cart\/add$/;

function reply(res: ServerResponse, status: number, payload: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

const fail = (res: ServerResponse, status: number, code: string) =>
  reply(res, status, JSON.stringify({ success: false, error: { code, message: code } }));

/**
 * The body as JSON (null when malformed); plain listeners, not `for await`, whose async
 * iterator costs per request.
 */
function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(null); // malformed JSON: answered 400 like any body without a known SKU
      }
    });
    req.once('error', reject);
  });
}

export async function startBaselineServer(opts: {
  scripts: IdealScripts;
  prefix: string;
  catalog: ReadonlyMap<string, BaselineItem>;
}): Promise<BaselineServer> {
  const { scripts, prefix, catalog } = opts;
  // The item JSON each SKU's new line starts from, encoded once, as the catalog is.
  const itemJson = new Map([...catalog].map(([sku, item]) => [sku, JSON.stringify(item)]));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const id = req.method === 'POST' ? ROUTE.exec(req.url ?? '')?.[1] : undefined;
    if (id === undefined) {
      req.resume();
      return fail(res, 404, 'NOT_FOUND');
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const body = (await readBody(req)) as { sku?: unknown; quantity?: unknown } | null;
    if (!token) return fail(res, 401, 'UNAUTHORIZED');
    const sku = typeof body?.sku === 'string' ? body.sku : '';
    const item = itemJson.get(sku);
    const quantity = body?.quantity ?? 1;
    if (!item) return fail(res, 400, 'UNKNOWN_SKU');
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 99) {
      return fail(res, 400, 'VALIDATION_ERROR');
    }
    const now = Date.now();
    const k = idealKeys(prefix, id);
    const result = await scripts.run(
      'http_cart_add',
      [...slidingKeys(k), k.globalEvents, k.stats, k.active],
      now,
      createHash('sha256').update(token, 'utf8').digest('hex'),
      sku,
      item,
      quantity as number,
      SESSION_LOG_MAX,
      GLOBAL_LOG_MAX,
      new Date(now).toISOString(),
      id,
    );
    if (result === 0) return fail(res, 404, 'SESSION_NOT_FOUND');
    if (result === -1) return fail(res, 403, 'FORBIDDEN');
    reply(res, 200, `{"success":true,"data":${String(result)}}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) fail(res, 500, String(err));
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
