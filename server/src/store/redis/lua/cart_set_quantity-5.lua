--[[
  Sets (or with 0, removes) the quantity of a line already in the cart (a request script: see
  _request.lua), and announces the cart with its lines when a line changed.

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta (its
                 counters), cart, events (the rest only slide with the session); then the global
                 keys when ARGV[16] says so
      ARGV[1..16] see _prelude.lua and _request.lua
      arg(1) sku
      arg(2) quantity (<= 0 removes the line)

    Output:
      nil when missing (or not the caller's), else reply{found (0|1), line JSON...}
]]
local sku = arg(1)
local quantity = finiteNumber(arg(2))

if not quantity then
  return redis.error_reply('cart_set_quantity: bad quantity')
end
local current = redis.call('HGET', cartKey, sku)
local line
if current and quantity > 0 then
  -- Decoded before any write; a line that cannot be read fails the script untouched.
  local ok, decoded = pcall(cjson.decode, current)
  if not ok or type(decoded) ~= 'table' then
    return redis.error_reply('cart_set_quantity: unreadable cart line')
  end
  line = decoded
end
local meta, refused = admit()
if refused then
  return refused
end
if not meta then
  return nil
end
local found = 0
if current then
  found = 1
  if quantity <= 0 then
    redis.call('HDEL', cartKey, sku)
    bump('cart_removes')
  else
    line.quantity = quantity
    redis.call('HSET', cartKey, sku, cjson.encode(line))
  end
end
local out = redis.call('HVALS', cartKey)
if current then
  announce('items', '[' .. table.concat(out, ',') .. ']')
  -- After the announcement, so a new event log gets its expiry from the same slide.
  touchSession()
end
table.insert(out, 1, found)
return reply(out)
