-- Extends the lease if it is still held under this token by this holder.
-- KEYS[1] the lease   ARGV[1] '<token> <holder>'   ARGV[2] ttl in milliseconds
-- Returns 1 when extended, 0 when the lease lapsed or another holder has it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
