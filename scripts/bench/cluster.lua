-- wrk script for scripts/bench-cluster.sh. Reads: a paper's API answer, a daily list, the home page, picked at random.
-- With PAPERBOY_BENCH_WRITES=P (percent), that share of requests toggles an upvote (POST / DELETE
-- /api/papers/{id}/upvote with a Bearer token). Paper ids and tokens come from files the script writes.
local ids, tokens = {}, {}
local writes = tonumber(os.getenv("PAPERBOY_BENCH_WRITES") or "0")
local function lines(path, into)
  local f = io.open(path, "r")
  if f then for line in f:lines() do if #line > 0 then into[#into + 1] = line end end f:close() end
end
lines(os.getenv("PAPERBOY_BENCH_IDS"), ids)
lines(os.getenv("PAPERBOY_BENCH_TOKENS") or "", tokens)

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
end

request = function()
  local paper = ids[math.random(#ids)]
  if writes > 0 and #tokens > 0 and math.random(100) <= writes then
    local method = math.random(2) == 1 and "POST" or "DELETE"
    local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Content-Length"] = "0" }
    return wrk.format(method, "/api/papers/" .. paper .. "/upvote", headers)
  end
  local r = math.random(10)
  if r <= 6 then return wrk.format("GET", "/api/papers/" .. paper) end
  if r <= 9 then return wrk.format("GET", "/api/daily_papers?limit=20") end
  return wrk.format("GET", "/")
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH rps=%.1f p99_ms=%.1f non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.errors.status, errors))
end
