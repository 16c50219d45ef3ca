/**
 * The baselines' way to Redis: a plain ioredis client (the server's connection options) with
 * the ideal implementation's own session layout and scripts (ideal-lua.ts). It never touches
 * Aisle's keys or scripts, so the store can change its layout without the baselines changing.
 */
import { Redis } from 'ioredis';
import { IDEAL_SCRIPTS, type IdealScript } from './ideal-lua';

/** The options `server/src/store/redis/connection.ts` uses, so both sides pipeline alike. */
export async function plainRedis(url: string): Promise<Redis> {
  const client = new Redis(url, {
    commandTimeout: 1000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    lazyConnect: true,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export const SESSION_TTL_MS = 86_400_000;
export const CONVERSATION_TTL_MS = 7_200_000;
export const TOUCH_INTERVAL_MS = 60_000;
export const SESSION_LOG_MAX = 1000;
export const GLOBAL_LOG_MAX = 10_000;

/**
 * The ideal layout: five keys per session sharing the `{id}` hash tag (the session hash holds
 * metadata, preferences and counters), and the global keys.
 */
export function idealKeys(prefix: string, id: string) {
  const base = `${prefix}:{${id}}`;
  return {
    session: base,
    cart: `${base}:cart`,
    topics: `${base}:topics`,
    events: `${base}:events`,
    history: `${base}:history`,
    shown: `${base}:shown`,
    globalEvents: `${prefix}:events`,
    stats: `${prefix}:stats`,
    active: `${prefix}:active`,
  };
}

export type IdealKeys = ReturnType<typeof idealKeys>;

/** The keys that slide with the session, in the order every script takes them first. */
export const slidingKeys = (k: IdealKeys): string[] => [k.session, k.cart, k.topics, k.events];

export interface IdealScripts {
  /** EVALSHA of the named script with `keys`, then now and the session TTL, then `args`. */
  run(
    name: IdealScript,
    keys: string[],
    now: number,
    ...args: (string | number)[]
  ): Promise<unknown>;
}

/** Loads the ideal scripts (SCRIPT LOAD once) and returns a plain EVALSHA runner. */
export async function loadIdealScripts(client: Redis): Promise<IdealScripts> {
  const shas = new Map<IdealScript, string>();
  for (const [name, lua] of Object.entries(IDEAL_SCRIPTS) as [IdealScript, string][]) {
    shas.set(name, String(await client.script('LOAD', lua)));
  }
  return {
    run(name, keys, now, ...args) {
      const sha = shas.get(name);
      if (sha === undefined) throw new Error(`no script ${name}`);
      return client.evalsha(sha, keys.length, ...keys, now, SESSION_TTL_MS, ...args);
    },
  };
}

/** What `getSession` answers, decoded from the ideal layout. */
export interface IdealSnapshot {
  meta: { tokenHash: string; createdAt: number; lastActive: number; conversationCount: number };
  preferences: Record<string, unknown>;
  cart: { sku: string; name: string; price: number; category: string; quantity: number }[];
  counters: Record<string, number>;
  topTopics: { word: string; count: number }[];
}

/**
 * The ideal getSession: one EVALSHA returning the session hash, the cart's lines and the top
 * topics in one reply (ioredis spends about three times the CPU on a MULTI of the same three
 * reads), decoded into the same data the store's snapshot holds; null when missing.
 */
export async function idealGetSession(
  scripts: IdealScripts,
  prefix: string,
  id: string,
): Promise<IdealSnapshot | null> {
  const k = idealKeys(prefix, id);
  const [flat, lines, topics] = (await scripts.run(
    'get_session',
    [k.session, k.cart, k.topics],
    0,
  )) as [string[], string[], string[]];
  const hash: Record<string, string> = {};
  const preferences: Record<string, unknown> = {};
  const counters: Record<string, number> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = flat[i] as string;
    const value = flat[i + 1] as string;
    if (field.startsWith('p:')) preferences[field.slice(2)] = JSON.parse(value);
    else if (field.startsWith('a:')) counters[field.slice(2)] = Number(value);
    else hash[field] = value;
  }
  if (!hash.token_hash) return null;
  const cart = lines
    .map((json) => JSON.parse(json) as IdealSnapshot['cart'][number] & { added_at: number })
    .sort((a, b) => a.added_at - b.added_at || (a.sku < b.sku ? -1 : 1))
    .map(({ sku, name, price, category, quantity }) => ({ sku, name, price, category, quantity }));
  const topTopics: IdealSnapshot['topTopics'] = [];
  for (let i = 0; i + 1 < topics.length; i += 2) {
    topTopics.push({ word: topics[i] as string, count: Number(topics[i + 1]) });
  }
  return {
    meta: {
      tokenHash: hash.token_hash,
      createdAt: Number(hash.created_at),
      lastActive: Number(hash.last_active),
      conversationCount: Number(hash.conversation_count ?? 0),
    },
    preferences,
    cart,
    counters,
    topTopics,
  };
}
