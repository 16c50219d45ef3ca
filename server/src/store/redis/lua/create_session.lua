-- Creates a session unless the id is taken.
-- ARGV: 4 token hash
-- Returns: 1 created, 0 taken
if exists() then
  return 0
end
redis.call('HSET', KEYS[1], 'created_at', now, 'last_active', now, 'conversation_count', 0,
  'token_hash', ARGV[4])
slide_session()
return 1
