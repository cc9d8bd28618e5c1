-- One page of jobs, read atomically: the ids after the cursor from each index named in KEYS (state
-- indexes, or one user's per-state indexes), merged by id, cut to the page size, with each job's
-- hash. Reading indexes and hashes in one step means a job that changes state meanwhile is either
-- in the page with its old state or not at all, never half of each.
--
-- KEYS the indexes to merge (sorted sets scored by job id)
-- ARGV[1] 'asc' or 'desc'   ARGV[2] cursor (the last id of the previous page) or ''
-- ARGV[3] how many jobs at most   ARGV[4] key prefix of job hashes ('<prefix>job:')
--
-- Returns id, hash, id, hash, ...
local asc = ARGV[1] == 'asc'
local cursor = ARGV[2]
local limit = tonumber(ARGV[3])

local found = {}
for _, key in ipairs(KEYS) do
  local ids
  if asc then
    local min = cursor == '' and '-inf' or '(' .. cursor
    ids = redis.call('ZRANGEBYSCORE', key, min, '+inf', 'LIMIT', 0, limit)
  else
    local max = cursor == '' and '+inf' or '(' .. cursor
    ids = redis.call('ZREVRANGEBYSCORE', key, max, '-inf', 'LIMIT', 0, limit)
  end
  for _, id in ipairs(ids) do
    found[#found + 1] = {tonumber(id), id}
  end
end
if asc then
  table.sort(found, function(a, b) return a[1] < b[1] end)
else
  table.sort(found, function(a, b) return a[1] > b[1] end)
end

local page = {}
for i = 1, math.min(limit, #found) do
  local id = found[i][2]
  page[#page + 1] = id
  page[#page + 1] = redis.call('HGETALL', ARGV[4] .. id)
end
return page
