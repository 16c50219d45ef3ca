--[[
  The first round trip of a question (a request script: see _request.lua): the asker's token
  checked and the session's question budget charged, then what answering needs, read in the
  same step: preferences, the newest messages, the products last shown and the search behind
  them, and the cached answer under the question's hash (the session's, and on a single node
  the shared one too).

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read here: meta (its
                 preferences), cache
                 (the rest only slide with the session)
      KEYS[6] history
      KEYS[7] shown
      then, on a single node (ARGV[16] = 1), the shared answer's cache key

      ARGV[1..16] see _prelude.lua and _request.lua
      arg(1) history limit
      arg(2) the question's cache hash ('' = no lookup)

    Output:
      nil when missing (or not the asker's), else reply{the preferences (field, JSON...), history members oldest
      first, shown JSON or false, the session's cached entry or false, the shared one or false}
]]
local historyKey = KEYS[6]
local shownKey = KEYS[7]
local historyLimit = finiteNumber(arg(1))
local cacheHash = arg(2)
if not historyLimit or historyLimit < 1 then
  return redis.error_reply('open_turn: bad history limit')
end
local meta, refused = admit()
if refused then
  return refused
end
if not meta then
  return nil
end
touchIfDue(meta)
local sessionCached, sharedCached = false, false
if cacheHash ~= '' then
  sessionCached = redis.call('HGET', cacheKey, cacheHash)
  if globalCount >= 1 then
    sharedCached = redis.call('GET', globalKey(1))
  end
end
return reply({
  preferences(),
  redis.call('ZRANGE', historyKey, -historyLimit, -1),
  redis.call('GET', shownKey),
  sessionCached,
  sharedCached,
})
