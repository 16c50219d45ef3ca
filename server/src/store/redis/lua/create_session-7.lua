--[[
  Creates a session unless the id is taken.

    Input:
      KEYS[1] meta       session hash
      KEYS[2] prefs      \
      KEYS[3] cart        |
      KEYS[4] analytics   | slide with the session: keys an earlier session of this id
      KEYS[5] topics      | left behind (its events log) live on with the new one
      KEYS[6] events      |
      KEYS[7] cache      /

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] token hash

    Output:
      1 created, 0 taken
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

local tokenHash = ARGV[4]

if exists(metaKey) then
  return 0
end
redis.call('HSET', metaKey, 'created_at', now, 'last_active', now, 'conversation_count', 0,
  'token_hash', tokenHash)
slideSession(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
return 1
