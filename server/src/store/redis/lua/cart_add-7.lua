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
      nil when missing, else the cart's line JSONs; an error, with nothing written, when an
      argument or the stored line is malformed
]]

local sku = ARGV[4]
local itemJson = ARGV[5]
local quantity = finiteNumber(ARGV[6])

if not quantity then
  return redis.error_reply('cart_add: bad quantity')
end
if not exists(metaKey) then
  return nil
end
-- Decoded before any write: a script that fails half way keeps what it wrote.
local current = redis.call('HGET', cartKey, sku)
local ok, line = pcall(cjson.decode, current or itemJson)
if not ok or type(line) ~= 'table' or (current and type(line.quantity) ~= 'number') then
  return redis.error_reply('cart_add: unreadable cart line or item')
end
if current then
  line.quantity = line.quantity + quantity
else
  line.quantity = quantity
  line.added_at = now
end
redis.call('HSET', cartKey, sku, cjson.encode(line))
redis.call('HINCRBY', analyticsKey, 'cart_adds', 1)
touchSession()
return redis.call('HVALS', cartKey)
