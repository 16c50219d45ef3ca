-- Reads what an ownership check needs; touches at most once per interval so reads stay cheap.
-- ARGV: 4 touch interval (ms)
-- Returns: nil when missing, else {token_hash, created_at, last_active}
local v = redis.call('HMGET', KEYS[1], 'token_hash', 'created_at', 'last_active')
if not v[1] then
  return nil
end
local last = tonumber(v[3]) or 0
if now - last >= tonumber(ARGV[4]) then
  touch()
  last = now
end
return {v[1], v[2], tostring(last)}
