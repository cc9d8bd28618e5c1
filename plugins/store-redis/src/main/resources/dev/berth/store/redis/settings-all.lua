-- Every settings section ever written, with its version and values, read together.
-- KEYS[1] the hash of section versions   ARGV[1] key prefix of values hashes ('<prefix>settings:')
-- Returns section, version, {field, value, ...}, section, version, ...
local versions = redis.call('HGETALL', KEYS[1])
local out = {}
for i = 1, #versions, 2 do
  out[#out + 1] = versions[i]
  out[#out + 1] = tonumber(versions[i + 1])
  out[#out + 1] = redis.call('HGETALL', ARGV[1] .. versions[i])
end
return out
