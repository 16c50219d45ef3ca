--[[
  Prepended (after _prelude.lua) to the scripts that take the session's sliding keys first,
  in the order keys.ts `slidingSessionKeys` builds them; a script's own keys start at 8.

    KEYS[1] meta       session hash (token hash, created_at, last_active, conversation_count)
    KEYS[2] prefs      preferences hash
    KEYS[3] cart       cart hash
    KEYS[4] analytics  counters hash
    KEYS[5] topics     topic counts (sorted set)
    KEYS[6] events     the session's event stream
    KEYS[7] cache      the session's answer cache
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

-- Every key that lives as long as the session slides to the session TTL.
local function slideSessionKeys()
  slideSession(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
end

-- Activity: last_active moves and the session slides.
local function touchSession()
  touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
end
