/**
 * The Lua of the ideal implementation the benches compare Aisle to: its own compact session
 * layout (direct-redis.ts `idealKeys`), one script per job, so every request is one round trip.
 * Written for this bench only; nothing here reads Aisle's keys, so the store may change its
 * layout freely without the baseline following it.
 *
 * Every script takes ARGV[1] now (ms) and ARGV[2] the session TTL (ms); its own ARGV start at 3.
 * The session hash holds the metadata, the preferences (`p:<field>`) and the per-session
 * counters (`a:<counter>`): one key instead of three, so there is less to read and to expire.
 */

/** Slides the keys that live as long as the session (history keeps the conversation TTL). */
const SLIDE = `
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local function slide(...)
  for _, key in ipairs({...}) do redis.call('PEXPIRE', key, ttl) end
end
`;

/** KEYS: session, cart, topics, events. ARGV[3] token hash. 1 created, 0 id taken. */
export const CREATE_SESSION = `${SLIDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'token_hash', ARGV[3], 'created_at', now, 'last_active', now,
  'conversation_count', 0)
slide(KEYS[1])
return 1
`;

/**
 * KEYS: session, cart, topics, events. ARGV[3] touch interval, ARGV[4] presented token hash.
 * Slides only for the owner and at most once per interval, as the store's contract asks.
 */
export const AUTHENTICATE = `${SLIDE}
local v = redis.call('HMGET', KEYS[1], 'token_hash', 'created_at', 'last_active')
if not v[1] then return nil end
local last = tonumber(v[3]) or 0
if v[1] == ARGV[4] and now - last >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'last_active', now)
  slide(KEYS[1], KEYS[2], KEYS[3], KEYS[4])
  last = now
end
return {v[1], v[2], tostring(last)}
`;

/**
 * The store-level cart add (no event): KEYS session, cart, topics, events; ARGV[3] sku,
 * ARGV[4] item JSON, ARGV[5] quantity. nil when the session is missing, else the cart's lines.
 */
export const CART_ADD = `${SLIDE}
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local sku = ARGV[3]
local current = redis.call('HGET', KEYS[2], sku)
local line = cjson.decode(current or ARGV[4])
if current then
  line.quantity = line.quantity + tonumber(ARGV[5])
else
  line.quantity = tonumber(ARGV[5])
  line.added_at = now
end
redis.call('HSET', KEYS[2], sku, cjson.encode(line))
redis.call('HINCRBY', KEYS[1], 'a:cart_adds', 1)
redis.call('HSET', KEYS[1], 'last_active', now)
slide(KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return redis.call('HVALS', KEYS[2])
`;

/**
 * One question/answer turn: KEYS session, cart, topics, events, history, shown; ARGV[3]
 * conversation TTL, ARGV[4] max history, ARGV[5] max topics, ARGV[6] message count n, then n
 * (timestamp ms, role, message JSON) triples, then the topic words. The new message count.
 */
export const RECORD_TURN = `${SLIDE}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local conversationTtl = tonumber(ARGV[3])
local n = tonumber(ARGV[6])
local count = 0
for i = 0, n - 1 do
  local base = 7 + i * 3
  count = redis.call('HINCRBY', KEYS[1], 'conversation_count', 1)
  redis.call('ZADD', KEYS[5], tonumber(ARGV[base]) * 1000 + (count % 1000),
    count .. '|' .. ARGV[base + 2])
  redis.call('HINCRBY', KEYS[1], 'a:' .. ARGV[base + 1] .. '_messages', 1)
end
redis.call('ZREMRANGEBYRANK', KEYS[5], 0, -(tonumber(ARGV[4]) + 1))
for i = 7 + n * 3, #ARGV do redis.call('ZINCRBY', KEYS[3], 1, ARGV[i]) end
local topics = redis.call('ZCARD', KEYS[3])
if topics > tonumber(ARGV[5]) then
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, topics - tonumber(ARGV[5]) - 1)
end
redis.call('HSET', KEYS[1], 'last_active', now)
slide(KEYS[1], KEYS[2], KEYS[3], KEYS[4])
redis.call('PEXPIRE', KEYS[5], conversationTtl)
redis.call('PEXPIRE', KEYS[6], conversationTtl)
return count
`;

/**
 * A whole REST cart add in one round trip (single Redis node: the global keys sit beside the
 * session's). KEYS: session, cart, topics, session events, global events, global stats,
 * active sessions. ARGV[3] presented token hash, ARGV[4] sku, ARGV[5] item JSON {sku, name,
 * price, category}, ARGV[6] quantity, ARGV[7] session log max, ARGV[8] global log max,
 * ARGV[9] timestamp (ISO), ARGV[10] session id.
 *
 * Returns 0 (no session), -1 (not the owner's token), or the cart as the JSON the API
 * answers: the client wraps it in its envelope without parsing it.
 */
export const HTTP_CART_ADD = `${SLIDE}
local stored = redis.call('HGET', KEYS[1], 'token_hash')
if not stored then return 0 end
if stored ~= ARGV[3] then return -1 end
local sku = ARGV[4]
local current = redis.call('HGET', KEYS[2], sku)
local line = cjson.decode(current or ARGV[5])
if current then
  line.quantity = line.quantity + tonumber(ARGV[6])
else
  line.quantity = tonumber(ARGV[6])
  line.added_at = now
end
redis.call('HSET', KEYS[2], sku, cjson.encode(line))
redis.call('HSET', KEYS[1], 'last_active', now)
redis.call('HINCRBY', KEYS[1], 'a:cart_adds', 1)
-- The session's log slides after its XADD below, which may be what creates it.
slide(KEYS[1], KEYS[2], KEYS[3])

-- The cart as the API shows it: oldest line first, money summed in cents.
local lines = {}
for _, json in ipairs(redis.call('HVALS', KEYS[2])) do lines[#lines + 1] = cjson.decode(json) end
table.sort(lines, function(a, b)
  if a.added_at ~= b.added_at then return a.added_at < b.added_at end
  return a.sku < b.sku
end)
local items, count, cents = {}, 0, 0
for i, l in ipairs(lines) do
  items[i] = {sku = l.sku, name = l.name, price = l.price, category = l.category,
    quantity = l.quantity}
  count = count + l.quantity
  cents = cents + math.floor(l.price * l.quantity * 100 + 0.5)
end
local itemsJson = cjson.encode(items)
local tail = ',"items":' .. itemsJson .. ',"item_count":' .. count .. ',"subtotal":' ..
  cjson.encode(cents / 100) .. '}'
local data = '{"action":"add","sku":' .. cjson.encode(sku) .. tail

local seid = redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*',
  'type', 'cart.updated', 'sid', ARGV[10], 'ts', ARGV[9], 'data', data)
redis.call('PEXPIRE', KEYS[4], ttl)
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[8], '*',
  'type', 'cart.updated', 'sid', ARGV[10], 'ts', ARGV[9], 'data', data, 'seid', seid)
redis.call('HINCRBY', KEYS[6], 'cart_adds', 1)
redis.call('ZADD', KEYS[7], now, ARGV[10])
return '{"session_id":' .. cjson.encode(ARGV[10]) .. tail
`;

/**
 * The session as one reply: KEYS session, cart, topics. {session hash (flat), cart lines, top
 * five topics (flat, WITHSCORES)}; one command instead of MULTI's five (MULTI, three reads,
 * EXEC), so the client handles one reply.
 */
export const GET_SESSION = `
return {redis.call('HGETALL', KEYS[1]), redis.call('HVALS', KEYS[2]),
  redis.call('ZREVRANGE', KEYS[3], 0, 4, 'WITHSCORES')}
`;

export const IDEAL_SCRIPTS = {
  get_session: GET_SESSION,
  create_session: CREATE_SESSION,
  authenticate: AUTHENTICATE,
  cart_add: CART_ADD,
  record_turn: RECORD_TURN,
  http_cart_add: HTTP_CART_ADD,
} as const;

export type IdealScript = keyof typeof IDEAL_SCRIPTS;
