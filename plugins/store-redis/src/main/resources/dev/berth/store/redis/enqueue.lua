-- Adds a QUEUED job in one atomic step: a new id from the sequence, the job hash, its place in the
-- queue and in its user's index, the submission as event 1, and an entry on the change feed. A
-- reader never sees a job without its index entries or its first event, and ids enter the queue in
-- the order they are given out, so FIFO by id is FIFO by submission.
--
-- KEYS[1] the id sequence      KEYS[2] the queue (index of QUEUED jobs)      KEYS[3] the change feed
-- ARGV[1] key prefix           ARGV[2] submittedAt (ISO-8601)                ARGV[3] user
-- ARGV[4] events kept per job  ARGV[5] change feed length (approximate cap)
-- ARGV[6..] field, value pairs of the job hash besides state, sub, ev (name, user, tmpl, gpus, prio, p.*)
local prefix, at, user = ARGV[1], ARGV[2], ARGV[3]
local id = string.format('%d', redis.call('INCR', KEYS[1]))
local job = prefix .. 'job:' .. id

local fields = {}
for i = 6, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', job, 'state', 'QUEUED', 'sub', at, 'ev', 1, unpack(fields))
redis.call('ZADD', KEYS[2], id, id)
redis.call('ZADD', prefix .. 'user:' .. user .. ':QUEUED', id, id)

local events = prefix .. 'events:' .. id
redis.call('RPUSH', events, cjson.encode({n = 1, at = at, to = 'QUEUED', by = user}))
local cap = tonumber(ARGV[4])
if cap > 0 then
  redis.call('LTRIM', events, -cap, -1)
end

redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', 'job', id, 'to', 'QUEUED', 'at', at)
return id
