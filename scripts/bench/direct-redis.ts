/**
 * The baselines' way to Redis: a plain ioredis client (same options as the server's) that
 * sends the server's own Lua scripts by EVALSHA, with the keys each takes. No Store, no codec.
 */
import { Redis } from 'ioredis';
import { sessionKeys } from '../../server/src/store/keys';
import { loadScripts, type ScriptName, scriptKeys } from '../../server/src/store/redis/scripts';

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

/** The nine session keys, built inline; the direct getSession picks them by position. */
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
  const loaded = new Map<ScriptName, { sha: string; numberOfKeys: number }>();
  for (const { name, lua, numberOfKeys } of loadScripts()) {
    const keys = numberOfKeys ?? scriptKeys(name, sessionKeys(prefix, '')).length;
    loaded.set(name, { sha: String(await client.script('LOAD', lua)), numberOfKeys: keys });
  }
  return {
    run(name, id, now, ...args) {
      const script = loaded.get(name);
      if (script === undefined) throw new Error(`no script ${name}`);
      return client.evalsha(
        script.sha,
        script.numberOfKeys,
        ...scriptKeys(name, sessionKeys(prefix, id)),
        now,
        SESSION_TTL_MS,
        CONVERSATION_TTL_MS,
        ...args,
      );
    },
  };
}
