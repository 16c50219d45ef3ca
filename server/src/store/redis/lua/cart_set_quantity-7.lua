--[[
  Sets (or with 0, removes) the quantity of a line already in the cart.

    Input:
      KEYS[1] meta       session hash
      KEYS[2] prefs      slides with the session
      KEYS[3] cart       cart hash
      KEYS[4] analytics  counters hash
      KEYS[5] topics     \
      KEYS[6] events      | slide with the session
      KEYS[7] cache      /

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] sku
      ARGV[5] quantity (<= 0 removes the line)

    Output:
      nil when missing, else {found (0|1), line JSON...}
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

local sku = ARGV[4]
local quantity = tonumber(ARGV[5])

if not exists(metaKey) then
  return nil
end
local current = redis.call('HGET', cartKey, sku)
local found = 0
if current then
  found = 1
  if quantity <= 0 then
    redis.call('HDEL', cartKey, sku)
    redis.call('HINCRBY', analyticsKey, 'cart_removes', 1)
  else
    local line = cjson.decode(current)
    line.quantity = quantity
    redis.call('HSET', cartKey, sku, cjson.encode(line))
  end
  touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
end
local out = redis.call('HVALS', cartKey)
table.insert(out, 1, found)
return out
