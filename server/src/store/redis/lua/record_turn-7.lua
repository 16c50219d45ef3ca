--[[
  Stores one question/answer turn with its analytics and RAG context, announces its events
  and caches its answer: the second and last round trip of a question (a request script: see
  _request.lua; the asker was checked by the first, so no token comes here).

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta (its
                 counters), topics, events, cache (the rest only slide with the session)
      KEYS[6] history    message zset, conversation TTL
      KEYS[7] shown      SKUs last shown and their search (shown-state.ts), conversation TTL
      then the global keys when ARGV[16] says so (the sixth: the shared answer's cache key)

      ARGV[1..16] see _prelude.lua and _request.lua (the header's event is unused here)
      arg(1) max history
      arg(2) max topics
      arg(3) shown state JSON ('' keeps the old)
      arg(4) cached (0|1)
      arg(5) llm call (0|1)
      arg(6) injection (0|1)
      arg(7) answer cache: '' none | 'session' (this session's cache hash) | 'shared'
      arg(8) the cache hash (field of the session's cache; the shared key's last part)
      arg(9) the cached value (session: JSON {exp, value}; shared: the value)
      arg(10) the shared entry's TTL (ms)
      arg(11) max entries of the session's cache
      arg(12) event count e, then e quadruples (type, timestamp, data JSON, counters)
      then message count n, n triples (timestamp ms, role, message JSON), then topic words

    Output:
      reply{conversation_count} (see _request.lua), or reply{0} when the session is missing;
      an error, with nothing written, when an argument is malformed

  All or nothing: Redis does not undo a script's writes when it fails half way, so every
  argument is checked before the first write, and nothing here decodes JSON (the role
  comes as its own argument).
]]
local historyKey = KEYS[6]
local shownKey = KEYS[7]

local maxHistory = finiteNumber(arg(1))
local maxTopics = finiteNumber(arg(2))
local shownJson = arg(3)
local cached = arg(4) == '1'
local llmCall = arg(5) == '1'
local injection = arg(6) == '1'
local cacheScope = arg(7)
local cacheHash = arg(8)
local cacheValue = arg(9)
local sharedTtl = finiteNumber(arg(10))
local maxSessionCache = finiteNumber(arg(11))
local eventCount = finiteNumber(arg(12))
if not (maxHistory and maxTopics and sharedTtl and maxSessionCache) then
  return redis.error_reply('record_turn: bad limits')
end
if cacheScope ~= '' and cacheScope ~= 'session' and cacheScope ~= 'shared' then
  return redis.error_reply('record_turn: bad cache scope')
end
if not eventCount or eventCount < 0 or #ARGV < 16 + 12 + eventCount * 4 + 1 then
  return redis.error_reply('record_turn: bad event count')
end
local events = {}
for i = 0, eventCount - 1 do
  local base = 13 + i * 4
  events[#events + 1] = {type = arg(base), ts = arg(base + 1), data = arg(base + 2),
    counters = arg(base + 3)}
end
local m = 13 + eventCount * 4
local messageCount = finiteNumber(arg(m))
if not messageCount or messageCount < 0 or #ARGV < 16 + m + messageCount * 3 then
  return redis.error_reply('record_turn: bad message count')
end
local roles = {user = true, assistant = true}
local messages = {}
for i = 0, messageCount - 1 do
  local base = m + 1 + i * 3
  local ts = finiteNumber(arg(base))
  local role = arg(base + 1)
  if not ts or not roles[role] then
    return redis.error_reply('record_turn: bad message ' .. (i + 1))
  end
  messages[#messages + 1] = {ts = ts, role = role, json = arg(base + 2)}
end
local topicWords = args(m + 1 + messageCount * 3)

if not exists(metaKey) then
  return reply({0})
end
local count = 0
for _, message in ipairs(messages) do
  count = redis.call('HINCRBY', metaKey, 'conversation_count', 1)
  -- seq keeps members unique and orders messages of the same millisecond.
  redis.call('ZADD', historyKey, message.ts * 1000 + (count % 1000), count .. '|' .. message.json)
  bump(message.role .. '_messages')
end
redis.call('ZREMRANGEBYRANK', historyKey, 0, -(maxHistory + 1))
for _, word in ipairs(topicWords) do
  redis.call('ZINCRBY', topicsKey, 1, word)
end
local topics = redis.call('ZCARD', topicsKey)
if topics > maxTopics then
  redis.call('ZREMRANGEBYRANK', topicsKey, 0, topics - maxTopics - 1)
end
if shownJson ~= '' then
  redis.call('SET', shownKey, shownJson, 'PX', conversationTtl)
else
  redis.call('PEXPIRE', shownKey, conversationTtl)
end
if cached then bump('cache_hits') end
if llmCall then bump('llm_calls') end
if injection then bump('injection_attempts') end
if cacheScope == 'session' then
  -- Bounded: past the limit the session's cache starts over.
  if redis.call('HLEN', cacheKey) >= maxSessionCache then
    redis.call('DEL', cacheKey)
  end
  redis.call('HSET', cacheKey, cacheHash, cacheValue)
elseif cacheScope == 'shared' and globalInline then
  redis.call('SET', globalKey(6), cacheValue, 'PX', sharedTtl)
end
for _, e in ipairs(events) do
  appendEvent(e.type, e.ts, e.data, e.counters)
end
if globalInline and #events > 0 then
  -- The dashboard's topics and messages per minute (an hour and more of buckets kept).
  for _, word in ipairs(topicWords) do
    redis.call('ZINCRBY', globalKey(4), 1, word)
  end
  if #topicWords > 0 then
    redis.call('ZREMRANGEBYRANK', globalKey(4), 0, -(GLOBAL_TOPICS_KEPT + 1))
  end
  if messageCount > 0 then
    redis.call('INCRBY', globalKey(5), messageCount)
    redis.call('EXPIRE', globalKey(5), 7200)
  end
end
-- After the events, so a new event log gets its expiry from the same slide.
touchSession()
redis.call('PEXPIRE', historyKey, conversationTtl)
return reply({count})
