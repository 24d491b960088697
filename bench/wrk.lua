-- The requests of bench/run.sh, one mode per wrk run:
--   wrk ... -s wrk.lua <url> -- redirect <codes file> <seconds> <start>   GET /<random seeded code>, not followed
--   wrk ... -s wrk.lua <url> -- create                            POST /api/urls, a new URL every time
--   wrk ... -s wrk.lua <url> -- recent                            GET /api/urls/recent
--   wrk ... -s wrk.lua <url> -- search <queries file>             GET /api/urls?q=<a random line of the file>
-- Each run ends with one "RESULT key=value ..." line that run.sh reads.
--
-- Counting clicks exactly: wrk stops with requests still in flight, which the server may have served (and
-- counted) without wrk counting them. So a redirect run stops sending a second before wrk stops (delay() holds
-- each connection back once its last answer is in); every GET was then answered, "gets" below is exactly the
-- number of clicks the service should record, and requests/s are over the time spent sending ("active_us").
--
-- Starting together: wrk runs each thread's init() in turn, starting the first thread before the second's init and
-- its own clock after both. With a million codes to read, the first thread would send for a while before wrk's clock
-- starts, inflating the rate. So no connection sends before <start> (seconds since 1970, which run.sh sets far enough
-- ahead for both inits), and a redirect run's rate is over [start, stop] exactly.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local timespec = ffi.new("bench_timespec")
local function seconds()
  ffi.C.clock_gettime(0, timespec) -- CLOCK_REALTIME: run.sh's clock, for <start>
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local tail_seconds = 1
-- Redirects come from a browser, as most do: the click writer classifies its user agent as it would a person's.
local browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
local codes, count, start_at, stop_at, started, stopped, host, n
mode, gets, active_seconds = nil, 0, nil

function init(args)
  mode = args[1]
  host = wrk.host .. ":" .. wrk.port
  n = 0
  if mode == "redirect" then
    codes, count = {}, 0
    for line in io.lines(args[2]) do
      count = count + 1
      -- The whole request, built once: LuaJIT interns every string, so building it per request would make wrk's own
      -- work grow with the number of distinct codes (free for 1,000 codes, an allocation each for 1,000,000).
      codes[count] = "GET /" .. line:match("^[^\t]+") .. " HTTP/1.1\r\nHost: " .. host .. "\r\nUser-Agent: " .. browser .. "\r\n\r\n"
    end
    start_at = tonumber(args[4])
    stop_at = start_at + tonumber(args[3]) - tail_seconds
    active_seconds = stop_at - start_at
    if seconds() >= start_at then
      io.stderr:write("wrk.lua: reading the codes took past the start; run.sh must start later\n")
      os.exit(1)
    end
    math.randomseed(id * 7919 + os.time())
  elseif mode == "search" then
    codes, count = {}, 0
    for line in io.lines(args[2]) do
      count = count + 1
      codes[count] = "GET /api/urls?q=" .. line:gsub("[^%w]", function(c) return string.format("%%%02X", c:byte()) end)
        .. " HTTP/1.1\r\nHost: " .. host .. "\r\n\r\n"
    end
    math.randomseed(id * 7919 + os.time())
  end
end

function delay()
  if start_at and not started then
    -- Each connection's first request waits for the common start.
    local wait = start_at - seconds()
    if wait > 0 then
      return math.ceil(wait * 1000)
    end
    started = true
  end
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
    return codes[math.random(count)]
  elseif mode == "search" then
    return codes[math.random(count)]
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
  local active = threads[1]:get("active_seconds") and threads[1]:get("active_seconds") * 1e6 or summary.duration
  io.write(string.format("RESULT requests=%d active_us=%d p50_us=%d p99_us=%d errors=%d gets=%d\n",
    summary.requests, active, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, clicks))
end
