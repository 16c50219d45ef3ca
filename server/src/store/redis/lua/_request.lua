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
    ARGV[16] '1' when the global keys follow the session's (a single Redis node): then the
             last three KEYS are the global event log, the dashboard counters and the
             active-session index, and the event reaches them here. '0' on Redis Cluster,
             where they live in other slots: the caller writes them in one pipelined batch
             from what the script returns.

  A script's own ARGV start at 17 (`arg(1)`).
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
local globalInline = ARGV[16] == '1'

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

--[[
  Appends the request's event to the session's log and, on a single node, to the global log
  with its dashboard counters and the session marked active. `field`/`raw` add one member the
  script computed (a cart's lines). Returns the session entry id and the final data ('' when
  the request announces nothing); the caller writes the global side from these on a cluster.
]]
local function announce(field, raw)
  if eventType == '' then
    return '', ''
  end
  local data = eventData
  if field then
    data = withField(data, field, raw)
  end
  local seid = redis.call('XADD', eventsKey, 'MAXLEN', '~', sessionLogMax, '*',
    'type', eventType, 'sid', sessionId, 'ts', eventTs, 'data', data)
  if globalInline then
    local n = #KEYS
    redis.call('XADD', KEYS[n - 2], 'MAXLEN', '~', globalLogMax, '*',
      'type', eventType, 'sid', sessionId, 'ts', eventTs, 'data', data, 'seid', seid)
    for counter, by in string.gmatch(eventCounters, '([^%s:]+):(%-?%d+)') do
      redis.call('HINCRBY', KEYS[n - 1], counter, by)
    end
    redis.call('ZADD', KEYS[n], now, sessionId)
  end
  return seid, data
end
