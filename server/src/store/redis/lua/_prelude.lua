--[[
  Prepended to every session script: the ARGV they share, and helpers that reach only the
  keys they are given (so each script's header lists every key it touches).

    ARGV[1] now (ms)
    ARGV[2] session TTL (ms): idle expiry of every session key but history and products shown
    ARGV[3] conversation TTL (ms): idle expiry of history and products shown

  A script's own ARGV start at 4.
]]
local now = tonumber(ARGV[1])
local sessionTtl = tonumber(ARGV[2])
local conversationTtl = tonumber(ARGV[3])

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
