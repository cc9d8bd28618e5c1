-- Every user with their fields, in one round trip (the fair-share snapshot reads every account's
-- shares on each scheduling pass). KEYS[1] the set of usernames   ARGV[1] the prefix of user hashes
-- ('<prefix>account:'). Returns username, hash, username, hash, ...; a name whose hash is gone is
-- left out.
local out = {}
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local fields = redis.call('HGETALL', ARGV[1] .. name)
  if #fields > 0 then
    out[#out + 1] = name
    out[#out + 1] = fields
  end
end
return out
