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

--[[
  Charges one request to the session's own budget `name` (points per window, ms), kept as a
  fixed window in the session's hash (no extra key to expire): the count and the instant the
  window ends. Over the budget: an AISLE_BUDGET error reply to return before any other write.
]]
local function chargeBudget(name, points, window)
  local countField, untilField = 'budget:' .. name, 'budget:' .. name .. ':until'
  local b = redis.call('HMGET', metaKey, countField, untilField)
  local count, windowEnd = tonumber(b[1]) or 0, tonumber(b[2]) or 0
  if now >= windowEnd then
    count, windowEnd = 0, now + window
  end
  if count + 1 > points then
    return redis.error_reply('AISLE_BUDGET ' .. name .. ' ' .. (windowEnd - now))
  end
  redis.call('HSET', metaKey, countField, count + 1, untilField, windowEnd)
  return nil
end

-- Activity: last_active moves and the session slides.
local function touchSession()
  touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
end
