-- Appends one event to the session's log (bounded) and keeps the log's expiry.
-- A script rather than MULTI so auto-pipelining batches it with the request's other calls.
-- ARGV: 4 max entries (approximate), 5 log TTL (ms), 6.. field, value pairs
-- Returns: the entry id
local id = redis.call('XADD', KEYS[8], 'MAXLEN', '~', ARGV[4], '*', unpack(ARGV, 6))
redis.call('PEXPIRE', KEYS[8], ARGV[5])
return id
