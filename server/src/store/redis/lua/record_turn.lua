-- Stores one question/answer turn with its analytics and RAG context.
-- ARGV: 4 max history, 5 max topics, 6 shown JSON ('' keeps the old), 7 cached, 8 llm call,
--       9 injection, 10 message count n, then n pairs (score base ms, message JSON),
--       then topic words
-- Returns: 0 when missing, else the new conversation_count
if not exists() then
  return 0
end
local n = tonumber(ARGV[10])
local count = 0
for i = 0, n - 1 do
  local ts = tonumber(ARGV[11 + i * 2])
  local json = ARGV[12 + i * 2]
  count = redis.call('HINCRBY', KEYS[1], 'conversation_count', 1)
  -- seq keeps members unique and orders messages of the same millisecond.
  redis.call('ZADD', KEYS[4], ts * 1000 + (count % 1000), count .. '|' .. json)
  local role = cjson.decode(json).role
  redis.call('HINCRBY', KEYS[6], role .. '_messages', 1)
end
redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(tonumber(ARGV[4]) + 1))
for i = 11 + n * 2, #ARGV do
  redis.call('ZINCRBY', KEYS[7], 1, ARGV[i])
end
local max_topics = tonumber(ARGV[5])
local topics = redis.call('ZCARD', KEYS[7])
if topics > max_topics then
  redis.call('ZREMRANGEBYRANK', KEYS[7], 0, topics - max_topics - 1)
end
if ARGV[6] ~= '' then
  redis.call('SET', KEYS[5], ARGV[6], 'PX', conversation_ttl)
else
  redis.call('PEXPIRE', KEYS[5], conversation_ttl)
end
if ARGV[7] == '1' then redis.call('HINCRBY', KEYS[6], 'cache_hits', 1) end
if ARGV[8] == '1' then redis.call('HINCRBY', KEYS[6], 'llm_calls', 1) end
if ARGV[9] == '1' then redis.call('HINCRBY', KEYS[6], 'injection_attempts', 1) end
touch()
redis.call('PEXPIRE', KEYS[4], conversation_ttl)
return count
