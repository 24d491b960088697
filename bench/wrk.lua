-- The requests of bench/run.sh, one mode per wrk run:
--   wrk ... -s wrk.lua <url> -- redirect <codes file> <seconds>   GET /<random seeded code>, not followed
--   wrk ... -s wrk.lua <url> -- create                            POST /api/urls, a new URL every time
--   wrk ... -s wrk.lua <url> -- recent                            GET /api/urls/recent
-- Each run ends with one "RESULT key=value ..." line that run.sh reads.
--
-- Counting clicks exactly: wrk stops with requests still in flight, which the server may have served (and
-- counted) without wrk counting them. So a redirect run stops sending a second before wrk stops (delay() holds
-- each connection back once its last answer is in); every GET was then answered, "gets" below is exactly the
-- number of clicks the service should record, and requests/s are over the time spent sending ("active_us").

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local timespec = ffi.new("bench_timespec")
local function seconds()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local tail_seconds = 1
local codes, count, stop_at, stopped, host, n
mode, gets = nil, 0

function init(args)
  mode = args[1]
  host = wrk.host .. ":" .. wrk.port
  n = 0
  if mode == "redirect" then
    codes, count = {}, 0
    for line in io.lines(args[2]) do
      count = count + 1
      codes[count] = line:match("^[^\t]+")
    end
    stop_at = seconds() + tonumber(args[3]) - tail_seconds
    math.randomseed(id * 7919 + os.time())
  end
end

function delay()
  -- Checking the clock on every 16th request is plenty at these rates.
  if stop_at and not stopped and n % 16 == 0 then
    stopped = seconds() >= stop_at
  end
  return stopped and 3600000 or 0
end

function request()
  n = n + 1
  if mode == "redirect" then
    gets = gets + 1
    return "GET /" .. codes[math.random(count)] .. " HTTP/1.1\r\nHost: " .. host .. "\r\n\r\n"
  elseif mode == "create" then
    return wrk.format("POST", "/api/urls", { ["Content-Type"] = "application/json" },
      '{"url":"https://example.com/created/' .. id .. "/" .. n .. "/" .. os.time() .. '"}')
  else
    return "GET /api/urls/recent HTTP/1.1\r\nHost: " .. host .. "\r\n\r\n"
  end
end

function done(summary, latency, requests)
  local clicks = 0
  for _, thread in ipairs(threads) do
    clicks = clicks + (thread:get("gets") or 0)
  end
  if clicks > 0 then
    -- wrk calls request() once more than it sends: on the first thread, to check the script before the run.
    clicks = clicks - 1
  end
  local e = summary.errors
  local active = summary.duration - (threads[1]:get("mode") == "redirect" and tail_seconds * 1e6 or 0)
  io.write(string.format("RESULT requests=%d active_us=%d p50_us=%d p99_us=%d errors=%d gets=%d\n",
    summary.requests, active, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, clicks))
end
