import { readdirSync, readFileSync } from 'node:fs';
import { type SessionKeys, sessionKeys, slidingSessionKeys } from '../keys';
import type { RedisClient } from './connection';

/**
 * The session scripts and the keys each receives, in its KEYS order (each file's header names
 * them). Scripts that touch a session take the sliding keys first (touching slides their
 * TTL); `_session.lua` binds those to named locals for them.
 */
const SCRIPT_KEYS = {
  create_session: slidingSessionKeys,
  authenticate: slidingSessionKeys,
  read_session: slidingSessionKeys,
  read_snapshot: (k) => [k.meta, k.cart, k.topics],
  update_preferences: slidingSessionKeys,
  cart_add: slidingSessionKeys,
  cart_set_quantity: slidingSessionKeys,
  cart_clear: slidingSessionKeys,
  open_turn: (k) => [...slidingSessionKeys(k), k.history, k.shown],
  record_turn: (k) => [...slidingSessionKeys(k), k.history, k.shown],
  session_cache_set: (k) => [k.meta, k.cache],
  append_event: (k) => [k.events],
} satisfies Record<string, (k: SessionKeys) => string[]>;

/**
 * Request scripts do a whole request's store work in one round trip (`_request.lua`): the
 * caller checked, the work, the event it causes. On a single Redis node the global keys follow
 * the session's, so their key count is given per call (the file name counts the session's).
 */
const REQUEST_SCRIPTS: ReadonlySet<ScriptName> = new Set<ScriptName>([
  'create_session',
  'read_session',
  'update_preferences',
  'cart_add',
  'cart_set_quantity',
  'cart_clear',
  'open_turn',
  'record_turn',
]);

export const isRequestScript = (name: ScriptName): boolean => REQUEST_SCRIPTS.has(name);

/** Scripts that take no ARGV: the shared prelude (which reads now and the TTLs) is left out. */
const BARE_SCRIPTS: ReadonlySet<ScriptName> = new Set<ScriptName>(['read_snapshot']);
/** Scripts that report a session's top topics (`_topics.lua`). */
const READS_TOPICS: ReadonlySet<ScriptName> = new Set<ScriptName>([
  'read_snapshot',
  'read_session',
]);

/** Whether a script's keys start with the session's sliding keys (and so gets `_session.lua`). */
function takesSlidingKeys(name: ScriptName): boolean {
  const k = sessionKeys('', '');
  const sliding = slidingSessionKeys(k);
  const given = scriptKeys(name, k);
  return sliding.every((key, i) => given[i] === key);
}

export type ScriptName = keyof typeof SCRIPT_KEYS;

export interface SessionScript {
  name: ScriptName;
  /**
   * The shared prelude (and `_session.lua` for scripts on the sliding keys, then
   * `_request.lua` for request scripts), then the script.
   */
  lua: string;
  /** Undefined for request scripts: the caller passes the key count first. */
  numberOfKeys: number | undefined;
}

/** The keys the named script takes for session `k`, in its KEYS order. */
export const scriptKeys = (name: ScriptName, k: SessionKeys): string[] => SCRIPT_KEYS[name](k);

const LUA_DIR = new URL('./lua/', import.meta.url);
/** BullMQ's convention: `<name>-<number of keys>.lua`, so the loader knows numberOfKeys. */
const SCRIPT_FILE = /^([a-z_]+)-(\d+)\.lua$/;

const isScriptName = (name: string): name is ScriptName => Object.hasOwn(SCRIPT_KEYS, name);

/**
 * Reads every script and checks that its file name's key count matches the keys it is given
 * here, so the two cannot drift apart unnoticed.
 */
export function loadScripts(): SessionScript[] {
  const prelude = readFileSync(new URL('_prelude.lua', LUA_DIR), 'utf8');
  const sessionPrelude = readFileSync(new URL('_session.lua', LUA_DIR), 'utf8');
  const requestPrelude = readFileSync(new URL('_request.lua', LUA_DIR), 'utf8');
  const topicsPrelude = readFileSync(new URL('_topics.lua', LUA_DIR), 'utf8');
  const scripts: SessionScript[] = [];
  for (const file of readdirSync(LUA_DIR)) {
    const match = SCRIPT_FILE.exec(file);
    if (!match) continue;
    const [, name = '', count] = match;
    if (!isScriptName(name)) throw new Error(`lua/${file}: no key list for it in scripts.ts`);
    const numberOfKeys = Number(count);
    const given = scriptKeys(name, sessionKeys('', '')).length;
    if (given !== numberOfKeys) {
      throw new Error(`lua/${file} takes ${numberOfKeys} keys but scripts.ts gives it ${given}`);
    }
    const body = readFileSync(new URL(file, LUA_DIR), 'utf8');
    // A bare read (read_snapshot) takes no ARGV, so not even the shared prelude runs for it.
    const preludes = BARE_SCRIPTS.has(name) ? [] : [prelude];
    if (takesSlidingKeys(name)) preludes.push(sessionPrelude);
    if (isRequestScript(name)) preludes.push(requestPrelude);
    if (READS_TOPICS.has(name)) preludes.push(topicsPrelude);
    const lua = [...preludes, body].join('\n');
    scripts.push({ name, lua, numberOfKeys: isRequestScript(name) ? undefined : numberOfKeys });
  }
  const missing = Object.keys(SCRIPT_KEYS).filter((n) => !scripts.some((s) => s.name === n));
  if (missing.length > 0) throw new Error(`no lua/<name>-<keys>.lua for ${missing.join(', ')}`);
  return scripts;
}

/** A client with the session scripts defined: one method per script, taking keys then ARGV. */
export type ScriptClient = RedisClient &
  Record<ScriptName, (...keysThenArgs: (string | number)[]) => Promise<unknown>>;

/**
 * Defines each script as a command, as BullMQ's `loadCommands` does: ioredis sends the text
 * once per connection, EVALSHA after, and again after a NOSCRIPT (a restarted Redis). Works
 * on a Cluster client and inside MULTI alike.
 */
export function defineSessionScripts(client: RedisClient): ScriptClient {
  for (const { name, lua, numberOfKeys } of loadScripts()) {
    client.defineCommand(name, numberOfKeys === undefined ? { lua } : { lua, numberOfKeys });
  }
  // defineCommand added one method per name just above; TypeScript cannot see that.
  return client as ScriptClient;
}
