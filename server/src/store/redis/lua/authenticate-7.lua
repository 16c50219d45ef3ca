--[[
  Reads what an ownership check needs; touches at most once per interval so reads stay cheap.

    Input:
      KEYS[1] meta       session hash
      KEYS[2] prefs      \
      KEYS[3] cart        |
      KEYS[4] analytics   | slide with the session when it is touched
      KEYS[5] topics      |
      KEYS[6] events      |
      KEYS[7] cache      /

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] touch interval (ms)

    Output:
      nil when missing, else {token_hash, created_at, last_active}
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

local touchInterval = tonumber(ARGV[4])

local v = redis.call('HMGET', metaKey, 'token_hash', 'created_at', 'last_active')
if not v[1] then
  return nil
end
local last = tonumber(v[3]) or 0
if now - last >= touchInterval then
  touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
  last = now
end
return {v[1], v[2], tostring(last)}
