-- How many jobs each state index holds, read in one atomic step so the counts add up.
-- KEYS the state indexes. Returns one count per key, in the same order.
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('ZCARD', key)
end
return counts
