--[[
  Merges preference fields (each value JSON-encoded by the caller).

    Input:
      KEYS[1] meta       session hash
      KEYS[2] prefs      preferences hash
      KEYS[3] cart       \
      KEYS[4] analytics   |
      KEYS[5] topics      | slide with the session
      KEYS[6] events      |
      KEYS[7] cache      /

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4..] field, value pairs

    Output:
      nil when missing, else HGETALL of the preferences
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

local fieldValues = {unpack(ARGV, 4)}

if not exists(metaKey) then
  return nil
end
if #fieldValues >= 2 then
  redis.call('HSET', prefsKey, unpack(fieldValues))
end
touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
return redis.call('HGETALL', prefsKey)
