/**
 * Query benchmark: latency of POST /api/v1/shopping/query (local responder) answered from the
 * cache (one popular question, asked as the first question of a new session: an answer that
 * may refine a search serves only sessions without one) and answering distinct questions in
 * one session (wording, category and budget vary, so nothing hits), on the in-memory store and
 * on Redis. Both apps run side by side, one
 * session each, one request at a time: every question goes to both stores in turn (the order
 * alternating), cached and uncached alternate, so drift hits all four alike. Redis is compared
 * to memory on the same questions (the store's cost per question), and each store's cached
 * answers to its uncached ones.
 *
 * Then the Redis work of one question is counted from Redis's side (redis-commands.ts).
 *
 *   pnpm exec tsx scripts/bench/query.ts [--quick]
 */
import type { Agent } from 'node:http';
import { createApp } from '../../server/src/app';
import { startRedis } from '../../server/test/support/redis-server';
import { benchConfig, isMain, quickMode, runAlone, withCleanup, withTarget } from './common';
import { keepAliveAgent, sendJson } from './load';
import { countRedisWork, printRedisWork, type RedisWork } from './redis-commands';
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
/** The targets: a question's p50 on Redis over the same question's p50 on memory. */
const UNCACHED_TARGET = 1.3;
const CACHED_TARGET = 1.5;
/** Questions counted one at a time for the Redis work per question; odd, so a median is one. */
const COUNTED = 51;

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

interface Side {
  kind: 'memory' | 'redis';
  port: number;
  agent: Agent;
  session: { id: string; token: string };
  uncached: number[];
  cached: number[];
}

/** A new session through the API, for a cached answer to be its first question. */
async function newSession(side: Side): Promise<{ id: string; token: string }> {
  const created = (await sendJson(side.agent, side.port, {
    method: 'POST',
    path: '/api/v1/shopping/session',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })) as { data: { session_id: string; session_token: string } };
  return { id: created.data.session_id, token: created.data.session_token };
}

async function timed(
  side: Side,
  q: string,
  wantCached: boolean,
  into: number[] | undefined,
  session = side.session,
) {
  const start = performance.now();
  const data = await ask(side.agent, side.port, q, session);
  const ms = performance.now() - start;
  if (data.cached !== wantCached) {
    throw new Error(`${side.kind}: "${q}": expected cached=${wantCached}, got ${data.cached}`);
  }
  into?.push(ms);
}

export async function benchQuery(): Promise<BenchRow[]> {
  const pairs = quickMode() ? 100 : 300;
  const warm = 20;
  return withCleanup(async (cleanup) => {
    const redis = await startRedis();
    cleanup.add('redis', () => redis.stop());
    const sides: Side[] = [];
    for (const [kind, env] of [
      ['memory', {}],
      ['redis', { REDIS_URL: redis.url }],
    ] as const) {
      const app = await createApp(benchConfig({ LLM_PROVIDER: 'local', ...env }));
      cleanup.add(`query app (${kind})`, () => app.close());
      const agent = keepAliveAgent(1);
      cleanup.add(`query agent (${kind})`, () => agent.destroy());
      // The first question creates the session and caches the repeated question.
      const first = await ask(agent, app.port, REPEATED);
      if (!first.session_token) throw new Error(`${kind}: the first query made no session`);
      const session = { id: first.session_id, token: first.session_token };
      sides.push({ kind, port: app.port, agent, session, uncached: [], cached: [] });
    }

    let n = 0; // questions asked so far: the counting below asks new ones
    for (let i = 0; i < warm + pairs; i++) {
      const measured = i >= warm;
      const order = i % 2 === 0 ? sides : [...sides].reverse();
      const q = distinctQuestion(n++);
      for (const side of order) await timed(side, q, false, measured ? side.uncached : undefined);
      for (const side of order) {
        const fresh = await newSession(side);
        await timed(side, REPEATED, true, measured ? side.cached : undefined, fresh);
      }
    }

    const rows: BenchRow[] = [];
    for (const side of sides) {
      const label = `${side.kind} store`;
      rows.push(
        compared(`${label}: cached p50 (${pairs} queries)`, percentile(side.cached, 50), 'ms', {
          name: 'uncached p50',
          value: percentile(side.uncached, 50),
        }),
        compared(`${label}: cached p99`, percentile(side.cached, 99), 'ms', {
          name: 'uncached p99',
          value: percentile(side.uncached, 99),
        }),
      );
    }
    const [memory, onRedis] = sides;
    if (!memory || !onRedis) throw new Error('missing a store');
    for (const [what, target, ours, theirs] of [
      ['uncached', UNCACHED_TARGET, onRedis.uncached, memory.uncached],
      ['cached', CACHED_TARGET, onRedis.cached, memory.cached],
    ] as const) {
      const row = compared(`redis store: ${what} p50`, percentile(ours, 50), 'ms', {
        name: `memory ${what} p50`,
        value: percentile(theirs, 50),
      });
      const ratio = row.ratio ?? Number.POSITIVE_INFINITY;
      rows.push(
        withTarget(
          row,
          `${what} question p50: Redis <= ${target} x memory (got ${ratio.toFixed(2)})`,
          ratio <= target,
        ),
        compared(`redis store: ${what} p99`, percentile(ours, 99), 'ms', {
          name: `memory ${what} p99`,
          value: percentile(theirs, 99),
        }),
      );
    }

    // Counted after the timed part (MONITOR slows Redis), on questions not asked before, and
    // cached answers in sessions made beforehand (their creation is not counted).
    const fresh: { id: string; token: string }[] = [];
    for (let i = 0; i < COUNTED; i++) fresh.push(await newSession(onRedis));
    for (const [what, ids, run] of [
      [
        'uncached',
        [onRedis.session.id],
        (i: number) => timed(onRedis, distinctQuestion(n + i), false, undefined),
      ],
      [
        'cached',
        fresh.map((s) => s.id),
        (i: number) => timed(onRedis, REPEATED, true, undefined, fresh[i]),
      ],
    ] as const) {
      const work = await countRedisWork({
        url: redis.url,
        requests: COUNTED,
        sessionIds: ids,
        run,
      });
      printRedisWork(`${what} question (Redis store)`, work);
      rows.push(...questionWorkRows(what, work));
    }
    return rows;
  });
}

/**
 * The target for a question: at most 2 top-level commands to the session's keys plus
 * one pipelined batch of global writes, so at most 3 round trips.
 */
function questionWorkRows(what: string, work: RedisWork): BenchRow[] {
  const label = `${what} question`;
  return [
    withTarget(
      { name: `${label}: Redis round trips`, value: work.roundTrips, unit: 'trips' },
      `${label}: round trips <= 3 (2 + a global batch) (got ${work.roundTrips.toFixed(2)})`,
      work.roundTrips <= 3,
    ),
    withTarget(
      {
        name: `  ${label}: top-level commands on the session's keys`,
        value: work.sessionTopLevel,
        unit: 'cmds',
      },
      `${label}: top-level commands on the session's keys <= 2 (got ${work.sessionTopLevel.toFixed(2)})`,
      work.sessionTopLevel <= 2,
    ),
    {
      name: `  ${label}: top-level commands on other keys`,
      value: work.otherTopLevel,
      unit: 'cmds',
    },
    { name: `  ${label}: commands run inside scripts`, value: work.inScripts, unit: 'cmds' },
  ];
}

if (isMain(import.meta.url)) runAlone(benchQuery);
