--[[
  Adds a quantity of one SKU; creates the line from the catalog item when new.

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
      ARGV[5] item JSON {sku, name, price, category}
      ARGV[6] quantity

    Output:
      nil when missing, else the cart's line JSONs
]]
local metaKey = KEYS[1]
local prefsKey = KEYS[2]
local cartKey = KEYS[3]
local analyticsKey = KEYS[4]
local topicsKey = KEYS[5]
local eventsKey = KEYS[6]
local cacheKey = KEYS[7]

local sku = ARGV[4]
local itemJson = ARGV[5]
local quantity = tonumber(ARGV[6])

if not exists(metaKey) then
  return nil
end
local current = redis.call('HGET', cartKey, sku)
local line
if current then
  line = cjson.decode(current)
  line.quantity = line.quantity + quantity
else
  line = cjson.decode(itemJson)
  line.quantity = quantity
  line.added_at = now
end
redis.call('HSET', cartKey, sku, cjson.encode(line))
redis.call('HINCRBY', analyticsKey, 'cart_adds', 1)
touch(metaKey, prefsKey, cartKey, analyticsKey, topicsKey, eventsKey, cacheKey)
return redis.call('HVALS', cartKey)
