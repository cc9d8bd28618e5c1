-- Adds several jobs in one atomic step, each as enqueue.lua adds one: a new id from the sequence, the
-- job hash, its state index and its user's, the submission as event 1, and an entry on the change
-- feed. Jobs marked as array elements form one array, named by the id of the first of them: each
-- gets it as 'arr', and the array's sorted set of ids lists them.
--
-- Each call carries a token, kept with the ids for a while: a repeat of the call after a lost reply
-- answers the ids of the first run instead of adding the jobs twice.
--
-- KEYS[1] the id sequence   KEYS[2] the change feed   KEYS[3] this call's token
-- ARGV[1] key prefix   ARGV[2] submittedAt (ISO-8601)   ARGV[3] change feed length   ARGV[4] token ttl (ms)
-- ARGV[5..] per job: first state (QUEUED or HELD), user, '1' for an array element else '0', the
-- number of field, value items that follow, then those items
--
-- Returns the new ids in order.
local earlier = redis.call('GET', KEYS[3])
if earlier then
  return cjson.decode(earlier)
end

local prefix, at = ARGV[1], ARGV[2]
local ids = {}
local array = nil
local i = 5
while i <= #ARGV do
  local state, user, inArray, count = ARGV[i], ARGV[i + 1], ARGV[i + 2] == '1', tonumber(ARGV[i + 3])
  local id = string.format('%d', redis.call('INCR', KEYS[1]))
  local job = prefix .. 'job:' .. id
  local fields = {'state', state, 'sub', at, 'ev', 1}
  for f = i + 4, i + 3 + count do
    fields[#fields + 1] = ARGV[f]
  end
  if inArray then
    array = array or id
    fields[#fields + 1] = 'arr'
    fields[#fields + 1] = array
    redis.call('ZADD', prefix .. 'array:' .. array, id, id)
  end
  redis.call('HSET', job, unpack(fields))
  local index = state == 'QUEUED' and (prefix .. 'queue') or (prefix .. 'state:' .. state)
  redis.call('ZADD', index, id, id)
  redis.call('ZADD', prefix .. 'user:' .. user .. ':' .. state, id, id)
  redis.call('RPUSH', prefix .. 'events:' .. id, cjson.encode({n = 1, at = at, to = state, by = user}))
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'job', id, 'to', state, 'at', at)
  ids[#ids + 1] = id
  i = i + 4 + count
end
redis.call('SET', KEYS[3], cjson.encode(ids), 'PX', ARGV[4])
return ids
