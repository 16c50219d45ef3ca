-- Sets (or with 0, removes) the quantity of a line already in the cart.
-- ARGV: 4 sku, 5 quantity (-1 = remove)
-- Returns: nil when missing, else {found (0|1), line JSON...}
if not exists() then
  return nil
end
local current = redis.call('HGET', KEYS[3], ARGV[4])
local found = 0
if current then
  found = 1
  local qty = tonumber(ARGV[5])
  if qty <= 0 then
    redis.call('HDEL', KEYS[3], ARGV[4])
    redis.call('HINCRBY', KEYS[6], 'cart_removes', 1)
  else
    local line = cjson.decode(current)
    line.quantity = qty
    redis.call('HSET', KEYS[3], ARGV[4], cjson.encode(line))
  end
  touch()
end
local out = redis.call('HVALS', KEYS[3])
table.insert(out, 1, found)
return out
