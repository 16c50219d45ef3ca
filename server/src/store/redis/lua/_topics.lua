--[[
  The n most frequent members of a topic-count sorted set, ties broken by word ascending (as
  codec.ts `topN` orders them), reading no more than it returns: the n-th count, the words
  counted more, then as many of its ties as fit, in word order (ZREVRANGE alone would keep the
  ties that sort last). Flat: word, count, word, count...
]]
local function topTopics(key, n)
  local top = redis.call('ZREVRANGE', key, 0, n - 1, 'WITHSCORES')
  if #top < 2 * n then
    return top
  end
  local nth = top[2 * n]
  local out = redis.call('ZREVRANGEBYSCORE', key, '+inf', '(' .. nth, 'WITHSCORES')
  local ties = redis.call('ZRANGEBYSCORE', key, nth, nth, 'WITHSCORES', 'LIMIT', 0, n - #out / 2)
  for _, v in ipairs(ties) do
    out[#out + 1] = v
  end
  return out
end
