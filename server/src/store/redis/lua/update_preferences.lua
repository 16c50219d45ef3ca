-- Merges preference fields (each value JSON-encoded by the caller).
-- ARGV: 4.. field, value pairs
-- Returns: nil when missing, else HGETALL of the preferences
if not exists() then
  return nil
end
if #ARGV >= 5 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 4))
end
touch()
return redis.call('HGETALL', KEYS[2])
