--[[
  Sets (or with 0, removes) the quantity of a line already in the cart.

    Input:
      KEYS[1..7] the session's keys, bound by _session.lua; read or written here: meta, cart, analytics
                 (the rest only slide with the session)

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] sku
      ARGV[5] quantity (<= 0 removes the line)

    Output:
      nil when missing, else {found (0|1), line JSON...}
]]

local sku = ARGV[4]
local quantity = finiteNumber(ARGV[5])

if not quantity then
  return redis.error_reply('cart_set_quantity: bad quantity')
end
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
    -- Decoded before the write; a line that cannot be read fails the script untouched.
    local ok, line = pcall(cjson.decode, current)
    if not ok or type(line) ~= 'table' then
      return redis.error_reply('cart_set_quantity: unreadable cart line')
    end
    line.quantity = quantity
    redis.call('HSET', cartKey, sku, cjson.encode(line))
  end
  touchSession()
end
local out = redis.call('HVALS', cartKey)
table.insert(out, 1, found)
return out
