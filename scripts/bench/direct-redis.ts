/**
 * The baselines' way to Redis: a plain ioredis client (same options as the server's) that
 * sends the server's own Lua scripts by EVALSHA, with keys built inline. No Store, no codec.
 */
import { Redis } from 'ioredis';
import { loadScripts, type ScriptName } from '../../server/src/store/redis/scripts';

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

/** The nine session keys, in the order the scripts expect them (see lua/_prelude.lua). */
export function sessionKeyArgs(prefix: string, id: string): string[] {
  const b = `${prefix}:s:{${id}}`;
  return [
    b,
    `${b}:prefs`,
    `${b}:cart`,
    `${b}:history`,
    `${b}:shown`,
    `${b}:analytics`,
    `${b}:topics`,
    `${b}:events`,
    `${b}:cache`,
  ];
}

export const SESSION_TTL_MS = 86_400_000;
export const CONVERSATION_TTL_MS = 7_200_000;
export const TOUCH_INTERVAL_MS = 60_000;

export interface DirectScripts {
  /** EVALSHA of the named script with the session's keys, now and the two TTLs, then `args`. */
  run(name: ScriptName, id: string, now: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Loads every session script (SCRIPT LOAD) and returns an EVALSHA runner. */
export async function loadDirectScripts(client: Redis, prefix: string): Promise<DirectScripts> {
  const shas = new Map<ScriptName, string>();
  for (const [name, lua] of Object.entries(loadScripts()) as [ScriptName, string][]) {
    shas.set(name, String(await client.script('LOAD', lua)));
  }
  return {
    run(name, id, now, ...args) {
      const sha = shas.get(name);
      if (sha === undefined) throw new Error(`no script ${name}`);
      return client.evalsha(
        sha,
        9,
        ...sessionKeyArgs(prefix, id),
        now,
        SESSION_TTL_MS,
        CONVERSATION_TTL_MS,
        ...args,
      );
    },
  };
}
