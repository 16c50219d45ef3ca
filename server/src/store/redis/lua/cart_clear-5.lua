--[[
  Empties the cart (a request script: see _request.lua) and announces the empty cart.

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta, cart,
                 events (the rest only slide with the session); then the global keys when
                 ARGV[16] says so
      ARGV[1..16] see _prelude.lua and _request.lua

    Output:
      nil when missing (or not the caller's), else reply{}
]]
local meta, refused = admit()
if refused then
  return refused
end
if not meta then
  return nil
end
redis.call('DEL', cartKey)
announce('items', '[]')
touchSession()
return reply({})
