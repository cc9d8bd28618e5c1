-- Sets a job's message if its state is one of the expected ones: the compare and the set in one
-- script, so a reason meant for a waiting job never lands on one that started or ended meanwhile.
-- The state and the state indexes are untouched, and no event is appended: the state did not
-- change.
--
-- KEYS[1] job hash
-- ARGV[1] expected states, comma-separated   ARGV[2] the new message
--
-- Returns nil when nothing was written, {1, job hash} when the message was set.
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
redis.call('HSET', job, 'msg', ARGV[2])
return {1, redis.call('HGETALL', job)}
