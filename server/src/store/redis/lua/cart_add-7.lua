--[[
  Adds a quantity of one SKU; creates the line from the catalog item when new.

    Input:
      KEYS[1..7] the session's keys, bound by _session.lua; read or written here: meta, cart, analytics
                 (the rest only slide with the session)

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] sku
      ARGV[5] item JSON {sku, name, price, category}
      ARGV[6] quantity

    Output:
      nil when missing, else the cart's line JSONs
]]

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
touchSession()
return redis.call('HVALS', cartKey)
