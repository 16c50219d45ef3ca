--[[
  Prepended (after _prelude.lua and _session.lua) to the request scripts: those that do a
  whole request's store work in one round trip, the caller's token checked, the session's
  own budget charged, the work done and the event it causes announced, all in one step.

    ARGV[4]  hash of the presented token ('' = the caller is trusted: no check)
    ARGV[5]  touch interval (ms): reads slide the session at most this often
    ARGV[6]  budget name ('' = none), ARGV[7] its points, ARGV[8] its window (ms)
    ARGV[9]  event type ('' = the request announces nothing)
    ARGV[10] event timestamp (ISO 8601), ARGV[11] event data (a JSON object)
    ARGV[12] dashboard counters the event bumps: "field:by field:by" ('' = none)
    ARGV[13] session log max entries, ARGV[14] global log max entries (approximate)
    ARGV[15] session id (the events' sid)
    ARGV[16] how many global keys follow the session's: 0 on Redis Cluster, where they live in
             other slots and the caller writes the global side in one pipelined batch from
             what the script returns. On a single node, as many as the script uses of: the
             global event log, the dashboard counters, the active-session index (a script
             that announces), the global topics, the current minute's message count, and a
             shared answer's cache key (a turn), in that order; the global side is written
             here. (A question's opening takes the shared answer's key alone.)

  A script's own ARGV start at 17 (`arg(1)`). Every reply opens with the events announced
  (`reply`), flat: session entry id, type, timestamp, data, counters, for each.
]]
local presentedHash = ARGV[4]
local touchInterval = finiteNumber(ARGV[5]) or 0
local budgetName = ARGV[6]
local budgetPoints = finiteNumber(ARGV[7])
local budgetWindow = finiteNumber(ARGV[8])
local eventType = ARGV[9]
local eventTs = ARGV[10]
local eventData = ARGV[11]
local eventCounters = ARGV[12]
local sessionLogMax = ARGV[13]
local globalLogMax = ARGV[14]
local sessionId = ARGV[15]
local globalCount = tonumber(ARGV[16]) or 0
local globalInline = globalCount > 0
-- The global keys by position (single node only): see ARGV[16].
local function globalKey(i)
  return KEYS[#KEYS - globalCount + i]
end

local function arg(i)
  return ARGV[16 + i]
end

local function args(from)
  return {unpack(ARGV, 16 + from)}
end

--[[
  The caller admitted, before any write: nil when the session is missing or the token is not
  its own (one answer for both, so a stranger learns nothing; hashes compared here are of
  random 256-bit tokens, so a timing difference reveals nothing usable). Over the budget, the
  AISLE_BUDGET error reply as a second value, to be returned at once (nothing was written).
  Else the meta fields an ownership check reads. Scripts open with:

    local meta, refused = admit()
    if refused then return refused end
    if not meta then return nil end
]]
local function admit()
  local v = redis.call('HMGET', metaKey, 'token_hash', 'created_at', 'last_active')
  if not v[1] then
    return nil
  end
  if presentedHash ~= '' and v[1] ~= presentedHash then
    return nil
  end
  if budgetName ~= '' and budgetPoints and budgetWindow then
    local refused = chargeBudget(budgetName, budgetPoints, budgetWindow)
    if refused then
      return nil, refused
    end
  end
  return v
end

-- A read slides the session at most once per touch interval, and only for its owner.
local function touchIfDue(meta)
  local last = tonumber(meta[3]) or 0
  if presentedHash ~= '' and now - last >= touchInterval then
    touchSession()
    return now
  end
  return last
end

-- Adds one raw JSON member to the event's data object (the data is never decoded here).
local function withField(json, name, raw)
  if json == '{}' then
    return '{"' .. name .. '":' .. raw .. '}'
  end
  return string.sub(json, 1, -2) .. ',"' .. name .. '":' .. raw .. '}'
end

local announced = {}

-- Bounds of the global keys (types.ts ACTIVE_INDEX_KEPT_MS, GLOBAL_TOPICS_KEPT).
local ACTIVE_INDEX_KEPT_MS = 86400000
local GLOBAL_TOPICS_KEPT = 10000

--[[
  Appends one event to the session's log and, on a single node, to the global log with its
  dashboard counters ("field:by field:by") and the session marked active. Kept in `announced`
  for the reply: on a cluster the caller writes the global side from it.
]]
local function appendEvent(type, ts, data, counters)
  local seid = redis.call('XADD', eventsKey, 'MAXLEN', '~', sessionLogMax, '*',
    'type', type, 'sid', sessionId, 'ts', ts, 'data', data)
  if globalInline then
    redis.call('XADD', globalKey(1), 'MAXLEN', '~', globalLogMax, '*',
      'type', type, 'sid', sessionId, 'ts', ts, 'data', data, 'seid', seid)
    for counter, by in string.gmatch(counters, '([^%s:]+):(%-?%d+)') do
      redis.call('HINCRBY', globalKey(2), counter, by)
    end
    redis.call('ZADD', globalKey(3), now, sessionId)
    redis.call('ZREMRANGEBYSCORE', globalKey(3), '-inf', '(' .. (now - ACTIVE_INDEX_KEPT_MS))
  end
  local n = #announced
  announced[n + 1], announced[n + 2], announced[n + 3] = seid, type, ts
  announced[n + 4], announced[n + 5] = data, counters
  return seid
end

-- The request's own event (the header's type, data and counters), with one member the
-- script computed (`field`: raw JSON, e.g. a cart's lines) added to its data.
local function announce(field, raw)
  if eventType == '' then
    return
  end
  local data = eventData
  if field then
    data = withField(data, field, raw)
  end
  appendEvent(eventType, eventTs, data, eventCounters)
end

-- A script's reply, after the events it announced.
local function reply(out)
  table.insert(out, 1, announced)
  return out
end
