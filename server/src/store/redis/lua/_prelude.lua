--[[
  Prepended to every session script: the ARGV they share, and helpers that reach only the
  keys they are given (so each script's header lists every key it touches).

    ARGV[1] now (ms)
    ARGV[2] session TTL (ms): idle expiry of every session key but history and products shown
    ARGV[3] conversation TTL (ms): idle expiry of history and products shown

  A script's own ARGV start at 4.

  Scripts are all or nothing: Redis keeps the writes a failing script made before it failed,
  so each script checks its arguments (and decodes anything it must) before its first write.
]]
-- A finite number from an argument, or nil (tonumber takes 'nan' and 'inf', which ZADD,
-- HINCRBY and cjson.encode would refuse only after earlier writes).
local function finiteNumber(arg)
  local n = tonumber(arg)
  if n and n == n and n ~= math.huge and n ~= -math.huge then
    return n
  end
  return nil
end

local now = finiteNumber(ARGV[1])
local sessionTtl = finiteNumber(ARGV[2])
local conversationTtl = finiteNumber(ARGV[3])
if not (now and sessionTtl and conversationTtl) then
  return redis.error_reply('bad now / TTL arguments')
end

-- Callers pass the keys that live as long as the session; history and products shown keep
-- the shorter conversation TTL, so they are never passed here.
local function slideSession(...)
  for _, key in ipairs({...}) do
    redis.call('PEXPIRE', key, sessionTtl)
  end
end

-- Activity: last_active moves and the keys given slide with the session.
local function touch(metaKey, ...)
  redis.call('HSET', metaKey, 'last_active', now)
  slideSession(metaKey, ...)
end

local function exists(metaKey)
  return redis.call('EXISTS', metaKey) == 1
end
