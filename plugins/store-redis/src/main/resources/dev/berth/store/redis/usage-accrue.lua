-- Adds GPU time to the usage ledger, every accrual of the call in one atomic step. Per accrual: the
-- job's 'uc' field (usage counted until; its start when absent) is compared with the accrual's end,
-- and only the part after it is added, so the same accrual sent twice, by two processes or as the
-- repeat of a call whose reply was lost, adds once. A job whose hash is gone adds nothing.
--
-- Per user, the hash <prefix>usage:<user> holds 'raw' (every GPU-second), 'dec' (the same, halved
-- per half-life) and 'at' (the instant 'dec' refers to). Adding at a later instant decays 'dec' to
-- it first; adding at an earlier one decays the added part instead. Numbers are written with 17
-- significant digits, which round-trips a double exactly (tostring keeps only 14).
--
-- KEYS[1] the set of users with usage
-- ARGV[1] key prefix   ARGV[2] half-life in microseconds
-- ARGV[3..] per accrual: job id, user, gpus, from and until in microseconds since the epoch
local users = KEYS[1]
local prefix = ARGV[1]
local halfLife = tonumber(ARGV[2])

local function finite(v)
  if v and v > 0 and v ~= math.huge then
    return v
  end
  return 0
end

local function decay(v, from, to)
  v = finite(v)
  local elapsed = to - from
  if v == 0 or elapsed <= 0 then
    return v
  end
  return v * 2 ^ (-elapsed / halfLife)
end

local function text(v)
  return string.format('%.17g', v)
end

for i = 3, #ARGV - 4, 5 do
  local job = prefix .. 'job:' .. ARGV[i]
  local user = ARGV[i + 1]
  local gpus = tonumber(ARGV[i + 2])
  local untilAt = tonumber(ARGV[i + 4])
  if redis.call('EXISTS', job) == 1 then
    -- Never before the accrual's start: a retried job's gap between attempts held no GPU.
    local counted = math.max(tonumber(redis.call('HGET', job, 'uc') or ARGV[i + 3]), tonumber(ARGV[i + 3]))
    if untilAt > counted then
      redis.call('HSET', job, 'uc', ARGV[i + 4])
      local added = gpus * (untilAt - counted) / 1e6
      if added > 0 and added ~= math.huge then
        local key = prefix .. 'usage:' .. user
        local stored = redis.call('HMGET', key, 'raw', 'dec', 'at')
        local raw, dec, at = added, added, untilAt
        if stored[3] then
          local storedAt = tonumber(stored[3])
          raw = finite(tonumber(stored[1])) + added
          if untilAt < storedAt then
            dec = finite(tonumber(stored[2])) + decay(added, untilAt, storedAt)
            at = storedAt
          else
            dec = decay(tonumber(stored[2]), storedAt, untilAt) + added
          end
        end
        redis.call('HSET', key, 'raw', text(raw), 'dec', text(dec), 'at', text(at))
        redis.call('SADD', users, user)
      end
    end
  end
end
return 1
