--[[
  A session's snapshot for a trusted reader (no caller to check, nothing slides): the session
  hash (metadata, preferences, counters), the cart's lines and the top five topics, in one read.
  The owner's reads go through read_session (token checked, slid once per touch interval).

    Input:
      KEYS[1] meta       session hash
      KEYS[2] cart       cart hash
      KEYS[3] topics     topic counts (sorted set)

      No ARGV (a bare script: the shared prelude is not prepended; `_topics.lua` is)

    Output:
      {HGETALL meta, HVALS cart, the top 5 topics (word, count...)} (empty lists when missing)
]]
return {
  redis.call('HGETALL', KEYS[1]),
  redis.call('HVALS', KEYS[2]),
  topTopics(KEYS[3], 5),
}
