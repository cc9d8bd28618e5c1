-- Takes the leader lease if nobody holds it: SET NX PX semantics, with the fencing token drawn in
-- the same step. The token is drawn only on success, so a follower polling for the lease never
-- makes the leader's token stale.
-- KEYS[1] the lease   KEYS[2] the newest fencing token issued
-- ARGV[1] holder   ARGV[2] ttl in milliseconds
-- Returns the new fencing token, or nil when the lease is held.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return nil
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], string.format('%d', token) .. ' ' .. ARGV[1], 'NX', 'PX', ARGV[2])
return token
