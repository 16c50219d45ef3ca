--[[
  Caches an answer bound to this session, with its own expiry inside the value
  (hash fields have no TTL on Redis 7.0). Bounded: past the limit the cache starts over.
  Not activity: the session's other keys do not slide.

    Input:
      KEYS[1] meta       session hash (existence only)
      KEYS[2] cache      session cache hash

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] field
      ARGV[5] value JSON {exp, value}
      ARGV[6] max entries

    Output:
      1, or 0 when the session is missing
]]
local metaKey = KEYS[1]
local cacheKey = KEYS[2]

local field = ARGV[4]
local entryJson = ARGV[5]
local maxEntries = tonumber(ARGV[6])

if not exists(metaKey) then
  return 0
end
if redis.call('HLEN', cacheKey) >= maxEntries then
  redis.call('DEL', cacheKey)
end
redis.call('HSET', cacheKey, field, entryJson)
redis.call('PEXPIRE', cacheKey, sessionTtl)
return 1
