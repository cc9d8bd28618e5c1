-- Adds a QUEUED job in one atomic step: a new id from the sequence, the job hash, its place in the
-- queue and in its user's index, the submission as event 1, and an entry on the change feed. A
-- reader never sees a job without its index entries or its first event, and ids enter the queue in
-- the order they are given out, so FIFO by id is FIFO by submission.
--
-- Answers {id, queued before}: every job still queued has a smaller id than the new one, so the
-- queue's size before the insert is the new job's place, counted in the same atomic step.
--
-- Each call carries a token of its own, kept with the new id for a while: when the store sends the
-- same call again because the connection died before the reply came, the repeat finds the token
-- and answers the id of the job the first run added, instead of adding a second job.
--
-- A job submitted held starts HELD instead, in the HELD index; it is counted all the same.
--
-- KEYS[1] the id sequence      KEYS[2] the queue (index of QUEUED jobs)      KEYS[3] the change feed
-- KEYS[4] this call's token    KEYS[5] the index of the job's first state (the queue, or HELD)
-- ARGV[1] key prefix           ARGV[2] submittedAt (ISO-8601)                ARGV[3] user
-- ARGV[4] change feed length (approximate cap)                                ARGV[5] token ttl (ms)
-- ARGV[6] the first state, QUEUED or HELD
-- ARGV[7..] field, value pairs of the job hash besides state, sub, ev (name, user, tmpl, gpus, prio, p.*)
local earlier = redis.call('GET', KEYS[4])
if earlier then
  local sep = string.find(earlier, ':', 1, true)
  return {string.sub(earlier, 1, sep - 1), tonumber(string.sub(earlier, sep + 1))}
end

local prefix, at, user = ARGV[1], ARGV[2], ARGV[3]
local id = string.format('%d', redis.call('INCR', KEYS[1]))
local job = prefix .. 'job:' .. id

local fields = {}
local state = ARGV[6]
for i = 7, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local before = redis.call('ZCARD', KEYS[2])
redis.call('HSET', job, 'state', state, 'sub', at, 'ev', 1, unpack(fields))
redis.call('ZADD', KEYS[5], id, id)
redis.call('ZADD', prefix .. 'user:' .. user .. ':' .. state, id, id)

-- One event needs no trim: eventsMaxPerJob is 0 (keep all) or at least 1.
redis.call('RPUSH', prefix .. 'events:' .. id, cjson.encode({n = 1, at = at, to = state, by = user}))

redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'job', id, 'to', state, 'at', at)
redis.call('SET', KEYS[4], id .. ':' .. before, 'PX', ARGV[5])
return {id, before}
