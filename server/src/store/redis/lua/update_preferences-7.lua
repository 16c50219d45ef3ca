--[[
  Merges preference fields (each value JSON-encoded by the caller).

    Input:
      KEYS[1..7] the session's keys, bound by _session.lua; read or written here: meta, prefs
                 (the rest only slide with the session)

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4..] field, value pairs

    Output:
      nil when missing, else HGETALL of the preferences
]]

local fieldValues = {unpack(ARGV, 4)}
if #fieldValues % 2 ~= 0 then
  return redis.error_reply('update_preferences: fields and values must pair up')
end

if not exists(metaKey) then
  return nil
end
if #fieldValues >= 2 then
  redis.call('HSET', prefsKey, unpack(fieldValues))
end
touchSession()
return redis.call('HGETALL', prefsKey)
