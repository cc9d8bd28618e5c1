-- A settings section's version and values, read together.
-- KEYS[1] the hash of section versions   KEYS[2] the section's values hash   ARGV[1] section
-- Returns {version, {field, value, ...}}; version 0 when the section was never written.
local version = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
return {version, redis.call('HGETALL', KEYS[2])}
