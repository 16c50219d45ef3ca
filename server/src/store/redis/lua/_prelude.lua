-- Prepended to every session script.
-- KEYS: 1 meta, 2 prefs, 3 cart, 4 history, 5 shown, 6 analytics, 7 topics, 8 events, 9 cache
-- ARGV: 1 now (ms), 2 session TTL (ms), 3 conversation TTL (ms), then the script's own.
local now = tonumber(ARGV[1])
local session_ttl = tonumber(ARGV[2])
local conversation_ttl = tonumber(ARGV[3])

-- Slides the idle TTL of everything but the history and the products shown.
local function slide_session()
  for i = 1, #KEYS do
    if i ~= 4 and i ~= 5 then
      redis.call('PEXPIRE', KEYS[i], session_ttl)
    end
  end
end

-- Activity: last_active moves and the session's TTL slides.
local function touch()
  redis.call('HSET', KEYS[1], 'last_active', now)
  slide_session()
end

local function exists()
  return redis.call('EXISTS', KEYS[1]) == 1
end
