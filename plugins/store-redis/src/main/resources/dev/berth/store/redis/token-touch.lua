-- Records a token's last use, only while it exists. KEYS[1] the token's hash   ARGV[1] the instant
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1])
end
return 1
