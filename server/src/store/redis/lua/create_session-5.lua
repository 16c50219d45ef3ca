--[[
  Creates a session unless the id is taken, and announces it (a request script: see
  _request.lua; no token is presented: the session is new).

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta, events
                 (the rest only slide with the session); then the global keys when ARGV[16]
                 says so
      ARGV[1..16] see _prelude.lua and _request.lua
      arg(1) token hash

    Output:
      reply{1} created; reply{0} taken
]]
local tokenHash = arg(1)
if exists(metaKey) then
  return reply({0})
end
redis.call('HSET', metaKey, 'created_at', now, 'last_active', now, 'conversation_count', 0,
  'token_hash', tokenHash)
-- Announced first, so the slide below gives a new event log its expiry too.
announce()
slideSessionKeys()
return reply({1})
