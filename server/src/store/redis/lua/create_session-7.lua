--[[
  Creates a session unless the id is taken.

    Input:
      KEYS[1..7] the session's keys, bound by _session.lua; read or written here: meta
                 (the rest only slide with the session)

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] token hash

    Output:
      1 created, 0 taken
]]

local tokenHash = ARGV[4]

if exists(metaKey) then
  return 0
end
redis.call('HSET', metaKey, 'created_at', now, 'last_active', now, 'conversation_count', 0,
  'token_hash', tokenHash)
slideSessionKeys()
return 1
