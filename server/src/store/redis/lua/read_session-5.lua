--[[
  One read of a session for its owner (a request script: see _request.lua): the token
  checked, the session slid at most once per touch interval, and the part asked for read, in
  one round trip.

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read here: meta (with the
                 preferences and counters), cart, topics (the rest only slide with the session)
      ARGV[1..16] see _prelude.lua and _request.lua
      arg(1) what to read: 'cart' | 'preferences' | 'session'

    Output:
      nil when missing (or not the caller's); else reply{...} (no event) with
        cart         {line JSON...}
        preferences  HGETALL of the preferences
        session      {HGETALL meta, HVALS cart,
                      the top 5 topics (word, count...)}
]]
local part = arg(1)
if part ~= 'cart' and part ~= 'preferences' and part ~= 'session' then
  return redis.error_reply('read_session: unknown part')
end
local meta, refused = admit()
if refused then
  return refused
end
if not meta then
  return nil
end
touchIfDue(meta)
if part == 'cart' then
  return reply(redis.call('HVALS', cartKey))
elseif part == 'preferences' then
  return reply(preferences())
end
return reply({
  redis.call('HGETALL', metaKey),
  redis.call('HVALS', cartKey),
  topTopics(topicsKey, 5),
})
