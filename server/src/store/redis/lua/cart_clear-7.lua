--[[
  Empties the cart.

    Input:
      KEYS[1..7] the session's keys, bound by _session.lua; read or written here: meta, cart
                 (the rest only slide with the session)

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)

    Output:
      nil when missing, else 1
]]

if not exists(metaKey) then
  return nil
end
redis.call('DEL', cartKey)
touchSession()
return 1
