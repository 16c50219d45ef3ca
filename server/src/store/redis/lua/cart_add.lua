-- Adds a quantity of one SKU; creates the line from the catalog item when new.
-- ARGV: 4 sku, 5 item JSON {sku, name, price, category}, 6 quantity
-- Returns: nil when missing, else the cart's line JSONs
if not exists() then
  return nil
end
local qty = tonumber(ARGV[6])
local current = redis.call('HGET', KEYS[3], ARGV[4])
local line
if current then
  line = cjson.decode(current)
  line.quantity = line.quantity + qty
else
  line = cjson.decode(ARGV[5])
  line.quantity = qty
  line.added_at = now
end
redis.call('HSET', KEYS[3], ARGV[4], cjson.encode(line))
redis.call('HINCRBY', KEYS[6], 'cart_adds', 1)
touch()
return redis.call('HVALS', KEYS[3])
