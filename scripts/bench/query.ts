/**
 * Query benchmark: latency of POST /api/v1/shopping/query answered from the cache (one
 * question repeated) beside the same endpoint answering distinct questions (wording, category
 * and budget vary, so nothing hits), with the in-memory store and with Redis. One session per
 * store, one request at a time; cached and uncached requests alternate so drift hits both.
 *
 *   pnpm exec tsx scripts/bench/query.ts [--quick]
 */
import type { Agent } from 'node:http';
import { createApp } from '../../server/src/app';
import { startRedis } from '../../server/test/support/redis-server';
import { benchConfig, type Cleanup, isMain, quickMode, runAlone, withCleanup } from './common';
import { keepAliveAgent, sendJson } from './load';
import { type BenchRow, compared, percentile } from './report';

const CATEGORIES = [
  'laptop',
  'smartphone',
  'headphones',
  'tv',
  'monitor',
  'tablet',
  'camera',
  'speaker',
  'smartwatch',
];
const TEMPLATES = [
  (c: string, b: number) => `show me a ${c} under $${b}`,
  (c: string, b: number) => `any good ${c} for less than ${b} dollars?`,
  (c: string, b: number) => `I need a ${c}, my budget is ${b}`,
  (c: string, b: number) => `which ${c} would you recommend for around $${b}`,
];
const REPEATED = 'show me wireless headphones with noise cancelling under $300';

/** The i-th distinct question: the budget alone already makes every one different. */
const distinctQuestion = (i: number): string =>
  (TEMPLATES[i % TEMPLATES.length] ?? TEMPLATES[0] ?? String)(
    CATEGORIES[Math.floor(i / TEMPLATES.length) % CATEGORIES.length] ?? 'laptop',
    150 + i * 3,
  );

interface QueryData {
  session_id: string;
  session_token?: string;
  cached: boolean;
  answer: string;
}

async function ask(
  agent: Agent,
  port: number,
  q: string,
  session?: { id: string; token: string },
): Promise<QueryData> {
  const body = (await sendJson(agent, port, {
    method: 'POST',
    path: '/api/v1/shopping/query',
    headers: {
      'content-type': 'application/json',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: JSON.stringify(session ? { q, sessionId: session.id } : { q }),
  })) as { data: QueryData };
  return body.data;
}

async function measureStore(
  kind: 'memory' | 'redis',
  env: Record<string, string>,
  cleanup: Cleanup,
): Promise<BenchRow[]> {
  const pairs = quickMode() ? 100 : 300;
  const warm = 20;
  const app = await createApp(benchConfig(env));
  cleanup.add(`query app (${kind})`, () => app.close());
  const agent = keepAliveAgent(1);
  cleanup.add(`query agent (${kind})`, () => agent.destroy());

  const first = await ask(agent, app.port, REPEATED);
  if (!first.session_token) throw new Error('the first query did not create a session');
  const session = { id: first.session_id, token: first.session_token };

  const uncached: number[] = [];
  const cached: number[] = [];
  let n = 0;
  const timed = async (q: string, wantCached: boolean, into: number[] | undefined) => {
    const start = performance.now();
    const data = await ask(agent, app.port, q, session);
    const ms = performance.now() - start;
    if (data.cached !== wantCached) {
      throw new Error(`"${q}": expected cached=${wantCached}, got ${data.cached}`);
    }
    into?.push(ms);
  };
  for (let i = 0; i < warm + pairs; i++) {
    const measured = i >= warm;
    await timed(distinctQuestion(n++), false, measured ? uncached : undefined);
    await timed(REPEATED, true, measured ? cached : undefined);
  }
  await app.close();

  const label = `${kind} store`;
  return [
    compared(`${label}: cached p50 (${pairs} queries)`, percentile(cached, 50), 'ms', {
      name: 'uncached p50',
      value: percentile(uncached, 50),
    }),
    compared(`${label}: cached p99`, percentile(cached, 99), 'ms', {
      name: 'uncached p99',
      value: percentile(uncached, 99),
    }),
  ];
}

export async function benchQuery(): Promise<BenchRow[]> {
  return withCleanup(async (cleanup) => {
    const memory = await measureStore('memory', {}, cleanup);
    const redis = await startRedis();
    cleanup.add('redis', () => redis.stop());
    return [...memory, ...(await measureStore('redis', { REDIS_URL: redis.url }, cleanup))];
  });
}

if (isMain(import.meta.url)) runAlone(benchQuery);
