-- Replaces a settings section's values if its version is still the expected one, and bumps it: a
-- compare-and-set, so two admins never silently overwrite each other. Announces the new version on
-- the change feed, so other Berth processes can reload it.
-- KEYS[1] the hash of section versions   KEYS[2] the section's values hash   KEYS[3] the change feed
-- ARGV[1] section   ARGV[2] expected version   ARGV[3] change feed length (approximate cap)
-- ARGV[4..] field, value pairs
-- Returns the new version, or nil when the stored version differs (nothing written).
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if current ~= tonumber(ARGV[2]) then
  return nil
end
redis.call('DEL', KEYS[2])
if #ARGV > 3 then
  local values = {}
  for i = 4, #ARGV do
    values[#values + 1] = ARGV[i]
  end
  redis.call('HSET', KEYS[2], unpack(values))
end
local version = current + 1
redis.call('HSET', KEYS[1], ARGV[1], version)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 'settings', ARGV[1], 'version', version)
return version
