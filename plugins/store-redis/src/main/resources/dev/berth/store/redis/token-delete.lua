-- Removes one of a user's tokens. KEYS[1] the token's hash   KEYS[2] hash of secret-hash to id
-- KEYS[3] the owner's sorted set of ids   ARGV[1] id   ARGV[2] owner
-- Returns 1 when removed, 0 when the user has no such token.
if redis.call('HGET', KEYS[1], 'username') ~= ARGV[2] then
  return 0
end
local secret = redis.call('HGET', KEYS[1], 'hash')
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], secret)
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
