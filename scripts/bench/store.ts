/**
 * Store benchmark: the session operations through `RedisStore` beside the ideal direct
 * ioredis equivalent of each (direct-redis.ts: its own compact layout, one EVALSHA or one
 * MULTI per operation, decoding no more than the job needs), on one private redis-server, 64
 * operations in flight, measured in the same run. The two sides take turns in 250 ms slices,
 * so the machine's other load hits both alike. Both sides hold the same data: every session
 * has preferences, and the operations before getSession fill carts, counters and topics.
 *
 *   pnpm exec tsx scripts/bench/store.ts [--quick]
 */
import type { ChatMessage } from '@aisle/shared';
import { hashToken } from '../../server/src/services/tokens';
import { connectRedis, waitUntilReady } from '../../server/src/store/redis/connection';
import { RedisStore } from '../../server/src/store/redis/redis-store';
import type { StoreLimits } from '../../server/src/store/types';
import { startRedis } from '../../server/test/support/redis-server';
import { isMain, quickMode, runAlone, withCleanup, withTarget } from './common';
import {
  CONVERSATION_TTL_MS,
  idealGetSession,
  idealKeys,
  loadIdealScripts,
  plainRedis,
  SESSION_TTL_MS,
  slidingKeys,
  TOUCH_INTERVAL_MS,
} from './direct-redis';
import { runInterleaved } from './load';
import { type BenchRow, compared } from './report';

const CONCURRENCY = 64;
const POOL = 512;
const SKUS = ['IPH15PRO-256', 'IPH15-128', 'SGS24-128', 'SGS24U-256', 'IPHSE3-64'];
const TARGET = 0.9;
/** The target for getSession, the read the API's session view makes. */
const GET_SESSION_TARGET = 0.95;
const PREFERENCES = { budget_range: '500-1000', preferred_brands: ['Apple', 'Samsung'] };

const LIMITS: StoreLimits = {
  sessionTtlMs: SESSION_TTL_MS,
  conversationTtlMs: CONVERSATION_TTL_MS,
  touchIntervalMs: TOUCH_INTERVAL_MS,
  maxHistory: 500,
  maxTopics: 200,
  maxSessionCache: 200,
  maxSessions: 10_000,
};

const item = (n: number) => {
  const sku = SKUS[n % SKUS.length] ?? 'IPH15-128';
  return { sku, name: `Product ${sku}`, price: 199.99 + (n % SKUS.length), category: 'smartphone' };
};

const turnMessages = (now: number): ChatMessage[] => [
  {
    role: 'user',
    content: 'a phone with a good camera under 800',
    timestamp: new Date(now).toISOString(),
  },
  {
    role: 'assistant',
    content: 'Here are three phones with great cameras under $800: ...',
    timestamp: new Date(now).toISOString(),
  },
];
const TOPICS = ['phone', 'camera'];

interface Op {
  name: string;
  store: (id: string, n: number) => Promise<unknown>;
  direct: (id: string, n: number) => Promise<unknown>;
  /** Ids the op runs on: fresh ones for createSession, the pool otherwise. */
  fresh?: boolean;
  target?: number;
}

export async function benchStore(): Promise<BenchRow[]> {
  const durationMs = quickMode() ? 1000 : 2000;
  return withCleanup(async (cleanup) => {
    const redis = await startRedis();
    cleanup.add('redis', () => redis.stop());

    const storeClient = connectRedis({ url: redis.url, commandTimeoutMs: 1000 });
    await waitUntilReady(storeClient, 5000);
    const store = new RedisStore(storeClient, LIMITS, 'bs');
    cleanup.add('store', () => store.close());
    const direct = await plainRedis(redis.url);
    cleanup.add('direct client', () => direct.quit());
    const scripts = await loadIdealScripts(direct);
    const keys = (id: string) => idealKeys('bd', id);
    const sliding = (id: string) => slidingKeys(keys(id));

    // Sessions both sides work on (same ids, different prefixes), with the same preferences.
    const tokenHash = hashToken('bench-token');
    const pool = Array.from({ length: POOL }, (_, i) => `pool-${i}`);
    const start = Date.now();
    await Promise.all(pool.map((id) => store.createSession(id, tokenHash, start)));
    await Promise.all(pool.map((id) => store.updatePreferences(id, PREFERENCES, start)));
    await Promise.all(
      pool.map((id) => scripts.run('create_session', sliding(id), start, tokenHash)),
    );
    await Promise.all(
      pool.map((id) =>
        direct.hset(
          keys(id).session,
          Object.fromEntries(
            Object.entries(PREFERENCES).map(([field, value]) => [
              `p:${field}`,
              JSON.stringify(value),
            ]),
          ),
        ),
      ),
    );

    const ops: Op[] = [
      {
        name: 'createSession',
        fresh: true,
        store: (id) => store.createSession(id, tokenHash, Date.now()),
        direct: (id) => scripts.run('create_session', sliding(id), Date.now(), tokenHash),
      },
      {
        name: 'authenticate',
        store: (id) => store.authenticate(id, Date.now(), tokenHash),
        direct: (id) =>
          scripts.run('authenticate', sliding(id), Date.now(), TOUCH_INTERVAL_MS, tokenHash),
      },
      {
        name: 'cartAdd',
        store: (id, n) => store.cartAdd(id, item(n), 1, Date.now()),
        direct: (id, n) => {
          const it = item(n);
          return scripts.run('cart_add', sliding(id), Date.now(), it.sku, JSON.stringify(it), 1);
        },
      },
      {
        name: 'recordTurn',
        store: (id) => {
          const now = Date.now();
          return store.recordTurn(
            id,
            {
              messages: turnMessages(now),
              topics: TOPICS,
              cached: false,
              llmCall: false,
              injection: false,
            },
            now,
          );
        },
        direct: (id) => {
          const now = Date.now();
          const k = keys(id);
          const messages = turnMessages(now).flatMap((m) => [
            Date.parse(m.timestamp),
            m.role,
            JSON.stringify(m),
          ]);
          return scripts.run(
            'record_turn',
            [...sliding(id), k.history, k.shown],
            now,
            CONVERSATION_TTL_MS,
            LIMITS.maxHistory,
            LIMITS.maxTopics,
            2,
            ...messages,
            ...TOPICS,
          );
        },
      },
      {
        name: 'getSession',
        target: GET_SESSION_TARGET,
        store: (id) => store.getSession(id),
        direct: (id) => idealGetSession(scripts, 'bd', id),
      },
    ];

    const rows: BenchRow[] = [];
    let freshSeq = 0;
    for (const op of ops) {
      const sideOf = (side: 'store' | 'direct') => ({
        name: side,
        call: async (w: number, n: number) => {
          freshSeq += 1;
          const id = op.fresh ? `fresh-${freshSeq}` : (pool[(w * 7 + n) % POOL] ?? 'pool-0');
          const result = await op[side](id, n);
          return result !== null && result !== 0 && result !== false;
        },
      });
      const results = await runInterleaved([sideOf('store'), sideOf('direct')], {
        concurrency: CONCURRENCY,
        warmupMs: 300,
        durationMs,
        sliceMs: 250,
      });
      const ours = results.get('store');
      const theirs = results.get('direct');
      if (!ours || !theirs) throw new Error('missing result');
      for (const [side, r] of results) {
        if (r.errors > 0)
          throw new Error(`${op.name} (${side}): ${r.errors} errors: ${r.firstError}`);
      }
      const row = compared(
        `RedisStore.${op.name} (${CONCURRENCY} in flight)`,
        ours.perSecond,
        'ops/s',
        {
          name: 'ideal ioredis direct',
          value: theirs.perSecond,
        },
      );
      const ratio = row.ratio ?? 0;
      const target = op.target ?? TARGET;
      rows.push(
        withTarget(
          row,
          `${op.name}: store >= ${target} x ideal direct (got ${ratio.toFixed(3)})`,
          ratio >= target,
        ),
        compared('  client CPU per op (whole process)', ours.cpuMicros / ours.requests, 'us', {
          name: 'ideal',
          value: theirs.cpuMicros / theirs.requests,
        }),
      );
    }
    return rows;
  });
}

if (isMain(import.meta.url)) runAlone(benchStore);
