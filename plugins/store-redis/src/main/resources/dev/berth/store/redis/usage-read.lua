-- Every user's ledger entry, read in one step so that no accrual lands halfway through.
-- KEYS[1] the set of users with usage   ARGV[1] key prefix
-- Returns user, raw, dec, at, user, raw, ... as the stored strings (a number would come back as
-- an integer).
local out = {}
for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local e = redis.call('HMGET', ARGV[1] .. 'usage:' .. user, 'raw', 'dec', 'at')
  if e[3] then
    out[#out + 1] = user
    out[#out + 1] = e[1]
    out[#out + 1] = e[2]
    out[#out + 1] = e[3]
  end
end
return out
