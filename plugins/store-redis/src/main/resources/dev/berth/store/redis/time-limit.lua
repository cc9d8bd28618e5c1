-- Sets a job's time limit if its state is one of the expected ones and, when asked to only raise
-- it, the stored limit is present and not above the new one: the compare and the set in one
-- script, so a limit change never lands on a job that ended meanwhile. The state and the state
-- indexes are untouched, and no event is appended: the state did not change.
--
-- KEYS[1] job hash
-- ARGV[1] expected states, comma-separated   ARGV[2] the new limit in seconds   ARGV[3] '1' to only
-- raise
--
-- Returns nil when nothing was written, {1, job hash} when the limit was set.
local job = KEYS[1]
local state = redis.call('HGET', job, 'state')
if not state then
  return nil
end
local expected = false
for s in string.gmatch(ARGV[1], '[^,]+') do
  if s == state then
    expected = true
  end
end
if not expected then
  return nil
end
if ARGV[3] == '1' then
  local stored = redis.call('HGET', job, 'tl')
  if not stored or tonumber(stored) > tonumber(ARGV[2]) then
    return nil
  end
end
redis.call('HSET', job, 'tl', ARGV[2])
return {1, redis.call('HGETALL', job)}
