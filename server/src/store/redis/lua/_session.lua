--[[
  Prepended (after _prelude.lua) to the scripts that take the session's sliding keys first,
  in the order keys.ts `slidingSessionKeys` builds them; a script's own keys start at 6.

    KEYS[1] meta       session hash: token hash, created_at, last_active, conversation_count,
                       the preferences (`p:<field>`), the counters (`a:<counter>`) and the
                       rate-limit windows (`budget:<name>[:until]`)
    KEYS[2] cart       cart hash
    KEYS[3] topics     topic counts (sorted set)
    KEYS[4] events     the session's event stream
    KEYS[5] cache      the session's answer cache
]]
local metaKey = KEYS[1]
local cartKey = KEYS[2]
local topicsKey = KEYS[3]
local eventsKey = KEYS[4]
local cacheKey = KEYS[5]

-- Every key that lives as long as the session slides to the session TTL.
local function slideSessionKeys()
  slideSession(metaKey, cartKey, topicsKey, eventsKey, cacheKey)
end

-- One of the session's analytics counters.
local function bump(counter, by)
  redis.call('HINCRBY', metaKey, 'a:' .. counter, by or 1)
end

-- The preferences as stored: field, JSON value, field, JSON value... (prefix dropped).
local function preferences()
  local fields = redis.call('HGETALL', metaKey)
  local out = {}
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 2) == 'p:' then
      out[#out + 1] = string.sub(fields[i], 3)
      out[#out + 1] = fields[i + 1]
    end
  end
  return out
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
  touch(metaKey, cartKey, topicsKey, eventsKey, cacheKey)
end
