--[[
  Reads what an ownership check needs. Touches (at most once per interval, so reads stay
  cheap) only when the presented token's hash is the session's: a stranger's attempts must not
  keep someone else's session alive or move its last_active.

    Input:
      KEYS[1..5] the session's keys, bound by _session.lua; read or written here: meta
                 (the rest only slide with the session)

      ARGV[1..3] now, session TTL, conversation TTL (see _prelude.lua)
      ARGV[4] touch interval (ms)
      ARGV[5] hash of the presented token (the caller still compares it in constant time)
      ARGV[6] budget name ('' = none), ARGV[7] its points, ARGV[8] its window (ms): charged
              to the session only when the token is its own

    Output:
      nil when missing, else {token_hash, created_at, last_active}; the AISLE_BUDGET error
      reply (nothing written) when the owner has spent the budget
]]

local touchInterval = tonumber(ARGV[4])
local presentedHash = ARGV[5]
local budgetName = ARGV[6] or ''
local budgetPoints = finiteNumber(ARGV[7])
local budgetWindow = finiteNumber(ARGV[8])

local v = redis.call('HMGET', metaKey, 'token_hash', 'created_at', 'last_active')
if not v[1] then
  return nil
end
local last = tonumber(v[3]) or 0
if v[1] == presentedHash and budgetName ~= '' and budgetPoints and budgetWindow then
  local refused = chargeBudget(budgetName, budgetPoints, budgetWindow)
  if refused then
    return refused
  end
end
if v[1] == presentedHash and now - last >= touchInterval then
  touchSession()
  last = now
end
return {v[1], v[2], tostring(last)}
