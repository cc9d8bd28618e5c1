-- Moves one job to a new state if its current state is one of the expected ones: the compare and
-- the set happen in this one script, so two Berth processes (or threads) racing for a job see
-- exactly one winner. Stamps the matching timestamp, writes the optional fields, moves the job
-- between the state indexes, appends the event and announces the change on the feed. Claims go
-- through claim.lua, which also checks the lease's fencing token.
--
-- A move from SCHEDULED or RUNNING back to QUEUED is a retry: the job becomes its next attempt
-- ('att', absent meaning 1) with the run's fields removed. A job of an array ('arr') is kept in or
-- out of its array's set of SCHEDULED and RUNNING jobs, which claim.lua counts against the cap.
--
-- KEYS[1] job hash   KEYS[2..9] state indexes in the order QUEUED, HELD, SCHEDULED, RUNNING,
-- COMPLETED, FAILED, CANCELLED, TIMED_OUT   KEYS[10] the job's events   KEYS[11] the change feed
-- ARGV[1] key prefix   ARGV[2] job id   ARGV[3] expected states, comma-separated   ARGV[4] new state
-- ARGV[5] at (ISO-8601)   ARGV[6] actor
-- ARGV[7] message, ARGV[8] placement node, ARGV[9] placement GPUs, ARGV[10] exit code,
-- ARGV[11] executor ref: each '' when not given, else '=' followed by the value
-- ARGV[12] events kept per job   ARGV[13] change feed length (approximate cap)
--
-- Returns nil when the job is unknown or not in an expected state (nothing written), {1, job hash}
-- when applied.
local INDEX = {QUEUED = 2, HELD = 3, SCHEDULED = 4, RUNNING = 5, COMPLETED = 6, FAILED = 7, CANCELLED = 8,
  TIMED_OUT = 9}
local job = KEYS[1]
local prefix, id, to, at, actor = ARGV[1], ARGV[2], ARGV[4], ARGV[5], ARGV[6]

local from = redis.call('HGET', job, 'state')
if not from then
  return nil
end
local expected = false
for state in string.gmatch(ARGV[3], '[^,]+') do
  if state == from then
    expected = true
  end
end
if not expected then
  return nil
end

local function given(arg)
  if arg == '' then
    return nil
  end
  return string.sub(arg, 2)
end

local terminal = to == 'COMPLETED' or to == 'FAILED' or to == 'CANCELLED' or to == 'TIMED_OUT'
local activeFrom = from == 'SCHEDULED' or from == 'RUNNING'
local activeTo = to == 'SCHEDULED' or to == 'RUNNING'
if to == 'QUEUED' and activeFrom then
  local attempt = tonumber(redis.call('HGET', job, 'att') or '1')
  redis.call('HDEL', job, 'sch', 'start', 'fin', 'node', 'devs', 'exit', 'ref', 'msg')
  redis.call('HSET', job, 'att', attempt + 1)
end
local set = {'state', to}
if to == 'SCHEDULED' then
  table.insert(set, 'sch'); table.insert(set, at)
end
if to == 'RUNNING' or (terminal and from == 'SCHEDULED' and redis.call('HEXISTS', job, 'start') == 0) then
  table.insert(set, 'start'); table.insert(set, at)
end
if terminal then
  table.insert(set, 'fin'); table.insert(set, at)
end
local message = given(ARGV[7])
local optional = {{'msg', message}, {'node', given(ARGV[8])}, {'devs', given(ARGV[9])},
  {'exit', given(ARGV[10])}, {'ref', given(ARGV[11])}}
for _, field in ipairs(optional) do
  if field[2] then
    table.insert(set, field[1]); table.insert(set, field[2])
  end
end
redis.call('HSET', job, unpack(set))

local user = redis.call('HGET', job, 'user')
redis.call('ZREM', KEYS[INDEX[from]], id)
redis.call('ZADD', KEYS[INDEX[to]], id, id)
redis.call('ZREM', prefix .. 'user:' .. user .. ':' .. from, id)
redis.call('ZADD', prefix .. 'user:' .. user .. ':' .. to, id, id)
local array = redis.call('HGET', job, 'arr')
if array and activeFrom ~= activeTo then
  if activeTo then
    redis.call('SADD', prefix .. 'array:' .. array .. ':active', id)
  else
    redis.call('SREM', prefix .. 'array:' .. array .. ':active', id)
  end
end

local n = redis.call('HINCRBY', job, 'ev', 1)
redis.call('RPUSH', KEYS[10], cjson.encode({n = n, at = at, from = from, to = to, by = actor, msg = message}))
local cap = tonumber(ARGV[12])
if cap > 0 then
  redis.call('LTRIM', KEYS[10], -cap, -1)
end

redis.call('XADD', KEYS[11], 'MAXLEN', '~', ARGV[13], '*', 'job', id, 'from', from, 'to', to, 'at', at)
return {1, redis.call('HGETALL', job)}
