-- Adds a user if the name is free; with ARGV[2] = '1', only if there are no users at all (the first
-- administrator, created exactly once however many Berth processes start together).
-- KEYS[1] the set of usernames   KEYS[2] the user's hash
-- ARGV[1] username   ARGV[2] '1' for first-user-only   ARGV[3..] field, value pairs
-- Returns 1 when created, 0 when not (nothing written).
if ARGV[2] == '1' and redis.call('SCARD', KEYS[1]) > 0 then
  return 0
end
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
  return 0
end
local values = {}
for i = 3, #ARGV do
  values[#values + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], unpack(values))
return 1
