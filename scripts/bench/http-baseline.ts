/**
 * The HTTP benchmark's baseline: a plain node:http + ioredis server answering
 * POST /api/v1/shopping/session/{id}/cart/add with the same Redis work the real path does:
 *
 *   1. the `authenticate` Lua script, then the token checked against its hash (sha256,
 *      constant-time compare), as SessionService.authorize does;
 *   2. the `cart_add` Lua script with the catalog's item, as CartService.add / RedisStore.cartAdd;
 *   3. the `cart.updated` event as EventBus.publish writes it: MULTI(XADD session stream +
 *      PEXPIRE) then XADD to the global stream with the session entry id (appendEvent), in
 *      parallel with ZADD active + HINCRBY stats cart_adds (recordActivity);
 *   4. the cart as JSON, in the REST envelope.
 *
 * No validation library, no router, no transformer: what the framework layers are compared to.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { DirectScripts } from './direct-redis';
import { SESSION_TTL_MS, TOUCH_INTERVAL_MS } from './direct-redis';

export interface BaselineItem {
  sku: string;
  name: string;
  price: number;
  category: string;
}

interface StoredLine extends BaselineItem {
  quantity: number;
  added_at: number;
}

export interface BaselineServer {
  port: number;
  close(): Promise<void>;
}

const ROUTE = /^\/api\/v1\/shopping\/session\/([A-Za-z0-9._-]{8,128})\/cart\/add$/;

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest();

function reply(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

const fail = (res: ServerResponse, status: number, code: string) =>
  reply(res, status, { success: false, error: { code, message: code } });

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startBaselineServer(opts: {
  redis: Redis;
  scripts: DirectScripts;
  prefix: string;
  catalog: ReadonlyMap<string, BaselineItem>;
}): Promise<BaselineServer> {
  const { redis, scripts, prefix, catalog } = opts;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const match = ROUTE.exec(req.url ?? '');
    const id = match?.[1];
    if (req.method !== 'POST' || id === undefined) {
      req.resume();
      return fail(res, 404, 'NOT_FOUND');
    }
    const body = (await readBody(req)) as { sku?: unknown; quantity?: unknown } | null;
    const product = typeof body?.sku === 'string' ? catalog.get(body.sku) : undefined;
    const quantity = typeof body?.quantity === 'number' ? body.quantity : 1;
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return fail(res, 401, 'UNAUTHORIZED');

    const presented = sha256(token);
    const auth = (await scripts.run(
      'authenticate',
      id,
      Date.now(),
      TOUCH_INTERVAL_MS,
      presented.toString('hex'),
    )) as [string, string, string] | null;
    if (!auth) return fail(res, 404, 'SESSION_NOT_FOUND');
    const stored = Buffer.from(auth[0], 'hex');
    if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) {
      return fail(res, 403, 'FORBIDDEN');
    }
    if (!product) return fail(res, 400, 'UNKNOWN_SKU');

    const now = Date.now();
    const raw = (await scripts.run(
      'cart_add',
      id,
      now,
      product.sku,
      JSON.stringify(product),
      quantity,
    )) as string[] | null;
    if (!raw) return fail(res, 404, 'SESSION_NOT_FOUND');
    const items = raw
      .map((line) => JSON.parse(line) as StoredLine)
      .sort((a, b) => a.added_at - b.added_at || a.sku.localeCompare(b.sku))
      .map(({ sku, name, price, category, quantity: q }) => ({
        sku,
        name,
        price,
        category,
        quantity: q,
      }));
    const itemCount = items.reduce((n, l) => n + l.quantity, 0);
    const subtotal = items.reduce((c, l) => c + Math.round(l.price * l.quantity * 100), 0) / 100;

    const fields = [
      'type',
      'cart.updated',
      'sid',
      id,
      'ts',
      new Date(now).toISOString(),
      'data',
      JSON.stringify({ action: 'add', sku: product.sku, items, item_count: itemCount, subtotal }),
    ];
    await Promise.all([
      scripts
        .run('append_event', id, now, 1000, SESSION_TTL_MS, ...fields)
        .then((sessionEventId) =>
          redis.xadd(
            `${prefix}:events`,
            'MAXLEN',
            '~',
            10_000,
            '*',
            ...fields,
            'seid',
            String(sessionEventId),
          ),
        ),
      redis.zadd(`${prefix}:active`, now, id),
      redis.hincrby(`${prefix}:stats`, 'cart_adds', 1),
    ]);
    reply(res, 200, {
      success: true,
      data: { session_id: id, items, item_count: itemCount, subtotal },
    });
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
