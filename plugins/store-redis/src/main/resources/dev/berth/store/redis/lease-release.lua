-- Gives the lease up if it is still held under this token by this holder; never frees another's.
-- KEYS[1] the lease   ARGV[1] '<token> <holder>'
-- Returns 1 when released, 0 when it was not held so.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
