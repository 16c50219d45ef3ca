--[[
  Empties the cart.

    Input:
      KEYS[1] meta       session hash
      KEYS[2] prefs      slides with the session
      KEYS[3] cart       cart hash
      KEYS[4] analytics  \
      KEYS[5] topics      | slide with the session
      KEYS[6] events      |
      KEYS[7] cache      /

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)

    Output:
      nil when missing, else 1
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

if not exists(metaKey) then
  return nil
end
redis.call('DEL', cartKey)
touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
return 1
