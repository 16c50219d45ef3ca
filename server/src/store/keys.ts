/**
 * Every Redis key name is built here. All keys of one session share the hash tag
 * `{sessionId}`, so multi-key scripts stay legal on Redis Cluster.
 *
 *   <p>:s:{id}            hash    created_at, last_active, conversation_count, token_hash,
 *                                 `p:<field>` -> JSON preference value, `a:<counter>` -> the
 *                                 session's analytics counters (user_messages, cart_adds, ...),
 *                                 `budget:<name>[:until]` -> its rate-limit windows: one key
 *                                 rather than three, so a write slides (PEXPIREs) fewer keys
 *   <p>:s:{id}:cart       hash    sku -> JSON cart line (with quantity and added_at)
 *   <p>:s:{id}:history    zset    JSON message, score = timestamp_ms * 1000 + seq % 1000
 *   <p>:s:{id}:shown      string  JSON {skus, search}: SKUs last shown and the search behind them
 *   <p>:s:{id}:topics     zset    topic word -> count
 *   <p>:s:{id}:events     stream  the session's event log
 *   <p>:s:{id}:cache      hash    cache hash -> JSON {exp, value}: answers bound to this session
 *   <p>:cache:<hash>      string  a shared cached answer (depends on no session state)
 *   <p>:docs              hash    knowledge document id -> JSON
 *   {<p>:docs}:version    string  counter bumped on every document change; its hash tag is
 *                                 the docs key's name, so both sit in one cluster slot and a
 *                                 change and its bump are one MULTI
 *   <p>:synonyms          string  JSON of the store's own synonyms (admin API / SYNONYMS_FILE)
 *   {<p>:synonyms}:version string counter bumped on every synonyms change (same slot, as docs)
 *   <p>:events            stream  the global event log
 *   <p>:stats             hash    global counters for the dashboard
 *   <p>:topics            zset    global topic counts
 *   <p>:active            zset    session id -> last active (ms), for "active sessions"
 *   <p>:mpm:<minute>      string  messages in that minute (epoch minutes), expires after 2 h
 *   <p>:rl:<name>:<key>   string  rate limiter buckets (rate-limiter-flexible)
 *   <p>:answer:<stream>   stream  an answer in progress (ids 0-<seq>), kept minutes for resume
 */
export interface SessionKeys {
  meta: string;
  cart: string;
  history: string;
  shown: string;
  topics: string;
  events: string;
  cache: string;
}

export function sessionKeys(prefix: string, id: string): SessionKeys {
  const base = `${prefix}:s:{${id}}`;
  return {
    meta: base,
    cart: `${base}:cart`,
    history: `${base}:history`,
    shown: `${base}:shown`,
    topics: `${base}:topics`,
    events: `${base}:events`,
    cache: `${base}:cache`,
  };
}

/** Every key of the session, e.g. to delete it. */
export const sessionKeyList = (k: SessionKeys): string[] => [
  ...slidingSessionKeys(k),
  k.history,
  k.shown,
];

/**
 * The keys that live as long as the session: activity slides them all to the session TTL.
 * History and products shown are left out: they slide to the shorter conversation TTL.
 * Scripts that touch a session receive these first, in this order, as KEYS[1..5].
 */
export const slidingSessionKeys = (k: SessionKeys): string[] => [
  k.meta,
  k.cart,
  k.topics,
  k.events,
  k.cache,
];

export const sharedCacheKey = (prefix: string, hash: string): string => `${prefix}:cache:${hash}`;

export const globalKeys = (prefix: string) => ({
  docs: `${prefix}:docs`,
  // `{<p>:docs}` hashes like the untagged `<p>:docs`: same slot, and the docs key keeps its name.
  docsVersion: `{${prefix}:docs}:version`,
  synonyms: `${prefix}:synonyms`,
  synonymsVersion: `{${prefix}:synonyms}:version`,
  events: `${prefix}:events`,
  stats: `${prefix}:stats`,
  topics: `${prefix}:topics`,
  active: `${prefix}:active`,
  minute: (minute: number) => `${prefix}:mpm:${minute}`,
  answer: (streamId: string) => `${prefix}:answer:${streamId}`,
  rateLimit: (name: string) => `${prefix}:rl:${name}`,
});
