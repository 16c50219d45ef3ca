--[[
  Stores one question/answer turn with its analytics and RAG context.

    Input:
      KEYS[1..7] the session's keys, bound by _session.lua; read or written here: meta, analytics, topics
                 (the rest only slide with the session)
      KEYS[8] history    message zset, conversation TTL
      KEYS[9] shown      SKUs last shown and their search (shown-state.ts), conversation TTL

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] max history
      ARGV[5] max topics
      ARGV[6] shown state JSON ('' keeps the old)
      ARGV[7] cached (0|1)
      ARGV[8] llm call (0|1)
      ARGV[9] injection (0|1)
      ARGV[10] message count n
      ARGV[11..10+3n] n triples (timestamp ms, role, message JSON)
      ARGV[11+3n..] topic words

    Output:
      0 when missing, else the new conversation_count; an error, with nothing written, when
      an argument is malformed

  All or nothing: Redis does not undo a script's writes when it fails half way, so every
  argument is checked before the first write, and nothing here decodes JSON (the role
  comes as its own argument).
]]
local historyKey = KEYS[8]
local shownKey = KEYS[9]

local maxHistory = finiteNumber(ARGV[4])
local maxTopics = finiteNumber(ARGV[5])
local shownJson = ARGV[6]
local cached = ARGV[7] == '1'
local llmCall = ARGV[8] == '1'
local injection = ARGV[9] == '1'
local messageCount = finiteNumber(ARGV[10])
if not (maxHistory and maxTopics) then
  return redis.error_reply('record_turn: bad limits')
end
if not messageCount or messageCount < 0 or #ARGV < 10 + messageCount * 3 then
  return redis.error_reply('record_turn: bad message count')
end
local roles = {user = true, assistant = true}
local messages = {}
for i = 0, messageCount - 1 do
  local base = 11 + i * 3
  local ts = finiteNumber(ARGV[base])
  local role = ARGV[base + 1]
  if not ts or not roles[role] then
    return redis.error_reply('record_turn: bad message ' .. (i + 1))
  end
  messages[#messages + 1] = {ts = ts, role = role, json = ARGV[base + 2]}
end
local topicWords = {unpack(ARGV, 11 + messageCount * 3)}

if not exists(metaKey) then
  return 0
end
local count = 0
for _, message in ipairs(messages) do
  count = redis.call('HINCRBY', metaKey, 'conversation_count', 1)
  -- seq keeps members unique and orders messages of the same millisecond.
  redis.call('ZADD', historyKey, message.ts * 1000 + (count % 1000), count .. '|' .. message.json)
  redis.call('HINCRBY', analyticsKey, message.role .. '_messages', 1)
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
if cached then redis.call('HINCRBY', analyticsKey, 'cache_hits', 1) end
if llmCall then redis.call('HINCRBY', analyticsKey, 'llm_calls', 1) end
if injection then redis.call('HINCRBY', analyticsKey, 'injection_attempts', 1) end
touchSession()
redis.call('PEXPIRE', historyKey, conversationTtl)
return count
