-- Claims a batch of jobs for a scheduler: each job that is still QUEUED moves to SCHEDULED with its
-- placement; one that is unknown or no longer QUEUED is skipped and does not stop the others. The
-- whole batch is one atomic step, so each claim is a compare-and-set, and two schedulers racing
-- for a job see exactly one winner. A claim carrying a fencing token is refused, the whole batch
-- with it, when a newer lease was issued since.
--
-- A job of an array with a cap ('arr', 'am') is skipped while its array's set of SCHEDULED and
-- RUNNING jobs (kept by this script and transition.lua) holds as many as the cap.
--
-- Per claim it reads the job hash, writes it once, appends the event and announces the change on
-- the feed; the state indexes are updated once per batch (and once per user), not per job.
--
-- KEYS[1] the queue (QUEUED index)   KEYS[2] the SCHEDULED index   KEYS[3] the change feed
-- KEYS[4] the newest fencing token issued by the lease
-- ARGV[1] key prefix   ARGV[2] at (ISO-8601)   ARGV[3] actor
-- ARGV[4] fencing token, '' when the caller holds no lease   ARGV[5] events kept per job (0: all)
-- ARGV[6] change feed length (approximate cap)
-- ARGV[7..] per claim: job id, placement node, placement GPUs; node and GPUs are '' when there is
-- no placement, else '=' followed by the value
--
-- Returns {2, newest token} when the fencing token is stale (nothing written), else
-- {1, id, hash, id, hash, ...} for the jobs claimed, in the order asked, each hash as it was
-- before the claim (the caller knows what the claim wrote).
if ARGV[4] ~= '' then
  local newest = tonumber(redis.call('GET', KEYS[4]) or '0')
  if tonumber(ARGV[4]) < newest then
    return {2, newest}
  end
end

local prefix, at, actor = ARGV[1], ARGV[2], ARGV[3]
local cap = tonumber(ARGV[5])
local reply = {1}
local claimed = {}
local scored = {}
local byUser = {}

for i = 7, #ARGV, 3 do
  local id = ARGV[i]
  local job = prefix .. 'job:' .. id
  local hash = redis.call('HGETALL', job)
  local state, user, events, array, arrayCap
  for f = 1, #hash, 2 do
    local name = hash[f]
    if name == 'state' then
      state = hash[f + 1]
    elseif name == 'user' then
      user = hash[f + 1]
    elseif name == 'ev' then
      events = tonumber(hash[f + 1])
    elseif name == 'arr' then
      array = hash[f + 1]
    elseif name == 'am' then
      arrayCap = tonumber(hash[f + 1])
    end
  end
  local arrayActive = array and (prefix .. 'array:' .. array .. ':active')
  if state == 'QUEUED' and arrayCap and redis.call('SCARD', arrayActive) >= arrayCap then
    state = nil -- at its array's cap: skipped, as a job taken meanwhile is
  end
  if state == 'QUEUED' then
    if arrayActive then
      redis.call('SADD', arrayActive, id)
    end
    local n = events + 1
    if ARGV[i + 1] == '' then
      redis.call('HSET', job, 'state', 'SCHEDULED', 'sch', at, 'ev', n)
    else
      redis.call('HSET', job, 'state', 'SCHEDULED', 'sch', at, 'ev', n,
        'node', string.sub(ARGV[i + 1], 2), 'devs', string.sub(ARGV[i + 2], 2))
    end
    local list = prefix .. 'events:' .. id
    local length = redis.call('RPUSH', list,
      cjson.encode({n = n, at = at, from = 'QUEUED', to = 'SCHEDULED', by = actor}))
    if cap > 0 and length > cap then
      redis.call('LTRIM', list, -cap, -1)
    end
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'job', id, 'from', 'QUEUED', 'to', 'SCHEDULED', 'at', at)

    claimed[#claimed + 1] = id
    scored[#scored + 1] = id
    scored[#scored + 1] = id
    local mine = byUser[user]
    if not mine then
      mine = {}
      byUser[user] = mine
    end
    mine[#mine + 1] = id
    reply[#reply + 1] = id
    reply[#reply + 1] = hash
  end
end

-- The caller sends at most 512 claims, well within what unpack can pass to one command.
if #claimed > 0 then
  redis.call('ZREM', KEYS[1], unpack(claimed))
  redis.call('ZADD', KEYS[2], unpack(scored))
  for user, ids in pairs(byUser) do
    local pairsOfIds = {}
    for _, id in ipairs(ids) do
      pairsOfIds[#pairsOfIds + 1] = id
      pairsOfIds[#pairsOfIds + 1] = id
    end
    redis.call('ZREM', prefix .. 'user:' .. user .. ':QUEUED', unpack(ids))
    redis.call('ZADD', prefix .. 'user:' .. user .. ':SCHEDULED', unpack(pairsOfIds))
  end
end
return reply
