-- Stores a token: its hash, the secret-hash index, and the owner's list.
-- KEYS[1] the token's hash   KEYS[2] hash of secret-hash to id   KEYS[3] the owner's sorted set of ids
-- ARGV[1] id   ARGV[2] secret hash   ARGV[3] score (creation millis)   ARGV[4..] field, value pairs
local values = {}
for i = 4, #ARGV do
  values[#values + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(values))
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 1
