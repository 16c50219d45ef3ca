import { readFileSync } from 'node:fs';

/** The session scripts, each prefixed by the shared prelude (helpers + ARGV 1..3). */
const SCRIPT_NAMES = [
  'create_session',
  'authenticate',
  'update_preferences',
  'cart_add',
  'cart_set_quantity',
  'cart_clear',
  'record_turn',
  'session_cache_set',
  'append_event',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

const read = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');

export function loadScripts(): Record<ScriptName, string> {
  const prelude = read('_prelude');
  const out = {} as Record<ScriptName, string>;
  for (const name of SCRIPT_NAMES) out[name] = `${prelude}\n${read(name)}`;
  return out;
}
