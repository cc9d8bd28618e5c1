-- Replaces an existing user's fields. KEYS[1] the set of usernames   KEYS[2] the user's hash
-- ARGV[1] username   ARGV[2..] field, value pairs. Returns 1 when updated, 0 for an unknown user.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return 0
end
local values = {}
for i = 2, #ARGV do
  values[#values + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], unpack(values))
return 1
