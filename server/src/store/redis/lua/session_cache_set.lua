-- Caches an answer bound to this session, with its own expiry inside the value
-- (hash fields have no TTL on Redis 7.0). Bounded: past the limit the cache starts over.
-- ARGV: 4 field, 5 value JSON {exp, value}, 6 max entries
-- Returns: 1, or 0 when the session is missing
if not exists() then
  return 0
end
if redis.call('HLEN', KEYS[9]) >= tonumber(ARGV[6]) then
  redis.call('DEL', KEYS[9])
end
redis.call('HSET', KEYS[9], ARGV[4], ARGV[5])
redis.call('PEXPIRE', KEYS[9], session_ttl)
return 1
