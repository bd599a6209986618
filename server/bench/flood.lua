-- A neighbour's flood for `pitboss bench` (wrk's LuaJIT), offered at a fixed
-- rate while the bets run. Arguments after `--`: <door> <rate>
-- door: login (gateway login, a random user name each time), oauth (MTS
-- OAuth token, a random client id) or register (gateway registration step
-- one, a random player); rate: requests per second for this thread. Every
-- request comes from a random client address (X-Forwarded-For; the bench
-- stack trusts one hop), as a flood from many addresses does.
-- Prints one JSON line ("PITBOSS {...}") with the answers counted by status.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } pitboss_flood_timespec;
int clock_gettime(int clk_id, pitboss_flood_timespec *tp);
]]
local ts = ffi.new("pitboss_flood_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local door, interval, next_at, counter, prefix
counts = {}

function init(args)
  door = args[1]
  interval = 1000 / (tonumber(args[2]) or 1)
  counter = 0
  math.randomseed(os.time() + math.floor(now_ms()))
  prefix = string.format("f%x", math.random(0, 0x7fffffff))
end

function delay()
  local now = now_ms()
  next_at = (next_at or now) + interval
  if next_at < now then
    next_at = now
    return 0
  end
  return next_at - now
end

local function address()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

function request()
  counter = counter + 1
  local name = prefix .. counter
  local headers = {["X-Forwarded-For"] = address()}
  if door == "oauth" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", "/mts/v3/oauth/token", headers,
      "grant_type=client_credentials&client_id=" .. name .. "&client_secret=not-the-secret")
  end
  headers["Content-Type"] = "application/json"
  if door == "register" then
    return wrk.format("POST", "/gateway/reg-step-one/1.30.00/1", headers,
      '{"loginName":"' .. name .. '","email":"' .. name .. '@example.com","password":"Secret123x",'
      .. '"over18":true,"signTNC":true,"signPrivacy":true,"language":"en","currency":"EUR"}')
  end
  return wrk.format("POST", "/gateway/login/1.30.00/1/player", headers,
    '{"user_name":"' .. name .. '","password":"Secret123"}')
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

local thread_list = {}
function setup(thread)
  table.insert(thread_list, thread)
end

function done(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(thread_list) do
    for k, v in pairs(t:get("counts")) do
      merged[k] = (merged[k] or 0) + v
    end
  end
  local parts = {}
  for k, v in pairs(merged) do
    parts[#parts + 1] = string.format('"%s":%d', k, v)
  end
  local e = summary.errors
  io.write(string.format(
    'PITBOSS {"requests":%d,"duration_us":%d,"socket_errors":%d,"timeouts":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write, e.timeout, table.concat(parts, ",")))
end
