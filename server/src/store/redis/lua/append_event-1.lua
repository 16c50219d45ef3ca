--[[
  Appends one event to the session's log (bounded) and keeps the log's expiry.
  A script rather than MULTI: the append, the trim and the expiry are one command, one reply.

    Input:
      KEYS[1] events     the session's event stream

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua; unused here)
      ARGV[4] max entries (approximate)
      ARGV[5] log TTL (ms)
      ARGV[6..] field, value pairs

    Output:
      the entry id
]]
local eventsKey = KEYS[1]

local maxEntries = ARGV[4]
local logTtl = ARGV[5]
local fieldValues = {unpack(ARGV, 6)}

local id = redis.call('XADD', eventsKey, 'MAXLEN', '~', maxEntries, '*', unpack(fieldValues))
redis.call('PEXPIRE', eventsKey, logTtl)
return id
