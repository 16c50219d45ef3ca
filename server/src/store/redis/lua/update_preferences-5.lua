--[[
  Merges preference fields, each value JSON-encoded by the caller (a request script: see
  _request.lua), and announces the preferences after the merge.

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta (its preferences),
                 events (the rest only slide with the session); then the global keys when
                 ARGV[16] says so
      ARGV[1..16] see _prelude.lua and _request.lua
      arg(1..) field, value pairs

    Output:
      nil when missing (or not the caller's), else reply{HGETALL of the preferences...}
]]
local fieldValues = args(1)
if #fieldValues % 2 ~= 0 then
  return redis.error_reply('update_preferences: fields and values must pair up')
end
local meta, refused = admit()
if refused then
  return refused
end
if not meta then
  return nil
end
if #fieldValues >= 2 then
  -- Fields are stored with the `p:` prefix (_session.lua); the caller passes them bare.
  local prefixed = {}
  for i = 1, #fieldValues, 2 do
    prefixed[i], prefixed[i + 1] = 'p:' .. fieldValues[i], fieldValues[i + 1]
  end
  redis.call('HSET', metaKey, unpack(prefixed))
end
local flat = preferences()
-- The announced preferences: an object of the stored JSON values, built without decoding them.
local members = {}
for i = 1, #flat, 2 do
  members[#members + 1] = cjson.encode(flat[i]) .. ':' .. flat[i + 1]
end
announce('preferences', '{' .. table.concat(members, ',') .. '}')
-- After the announcement, so a new event log gets its expiry from the same slide.
touchSession()
return reply(flat)
