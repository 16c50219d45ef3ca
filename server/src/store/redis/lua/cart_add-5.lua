--[[
  Adds a quantity of one SKU (a request script: see _request.lua); creates the line from the
  catalog item when new, and announces the cart with its lines.

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta (its
                 counters), cart, events (the rest only slide with the session); then the global
                 keys when ARGV[16] says so
      ARGV[1..16] see _prelude.lua and _request.lua
      arg(1) sku
      arg(2) item JSON {sku, name, price, category}
      arg(3) quantity

    Output:
      nil when missing (or not the caller's), else reply{line JSON...} (see _request.lua);
      an error, with nothing written, when an argument or the stored line is malformed
]]

local sku = arg(1)
local itemJson = arg(2)
local quantity = finiteNumber(arg(3))

if not quantity then
  return redis.error_reply('cart_add: bad quantity')
end
-- Decoded before any write: a script that fails half way keeps what it wrote.
local current = redis.call('HGET', cartKey, sku)
local ok, line = pcall(cjson.decode, current or itemJson)
if not ok or type(line) ~= 'table' or (current and type(line.quantity) ~= 'number') then
  return redis.error_reply('cart_add: unreadable cart line or item')
end
local meta, refused = admit()
if refused then
  return refused
end
if not meta then
  return nil
end
if current then
  line.quantity = line.quantity + quantity
else
  line.quantity = quantity
  line.added_at = now
end
redis.call('HSET', cartKey, sku, cjson.encode(line))
bump('cart_adds')
local lines = redis.call('HVALS', cartKey)
announce('items', '[' .. table.concat(lines, ',') .. ']')
-- After the announcement, so a new event log gets its expiry from the same slide.
touchSession()
return reply(lines)
