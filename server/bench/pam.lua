-- Load for `pitboss bench` (wrk's LuaJIT). Arguments after `--`:
--   <mode> <players-file> <rate>
-- mode: withdraw (PAM addTransaction WITHDRAW of 0.01), balance (PAM
-- getBalance) or healthz (GET /healthz); players-file: lines of
-- "<player id> <game token>", one picked at random per request; rate:
-- requests per second for this thread (0: as fast as answers come).
-- Prints one JSON line ("PITBOSS {...}") when done.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } pitboss_timespec;
int clock_gettime(int clk_id, pitboss_timespec *tp);
]]
local ts = ffi.new("pitboss_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local mode, players, tokens, n, interval, next_at, counter, prefix
bad = 0

function init(args)
  mode = args[1]
  players, tokens = {}, {}
  for line in io.lines(args[2]) do
    local p, t = line:match("^(%S+)%s+(%S+)")
    if p then
      players[#players + 1] = p
      tokens[#tokens + 1] = t
    end
  end
  n = #players
  local rate = tonumber(args[3]) or 0
  interval = rate > 0 and 1000 / rate or nil
  counter = 0
  math.randomseed(os.time() + (id or 0) * 7919)
  prefix = string.format("b%x%x", math.random(0, 0x7fffffff), id or 0)
end

function delay()
  if not interval then
    return 0
  end
  local now = now_ms()
  next_at = (next_at or now) + interval
  if next_at < now then
    next_at = now
    return 0
  end
  return next_at - now
end

local base = {
  ["Authorization"] = "Bearer pam-demo-api-token",
  ["X-Correlation-ID"] = "bench",
  ["Content-Type"] = "application/json",
}

function request()
  if mode == "healthz" then
    return wrk.format("GET", "/healthz")
  end
  local i = n == 1 and 1 or math.random(1, n)
  base["X-Player-Token"] = tokens[i]
  if mode == "balance" then
    return wrk.format("GET", "/players/" .. players[i] .. "/balance?provider=evolution", base)
  end
  counter = counter + 1
  local id = prefix .. "-" .. counter
  local body = '{"currency":"USD","provider":"evolution","transactionType":"WITHDRAW","cashAmount":0.01,'
    .. '"bonusAmount":0,"promoAmount":0,"transactionDateTime":"2026-11-22T20:00:00Z","providerTransactionId":"'
    .. id .. '","providerGameId":"ecf559b11f0","providerRoundId":"' .. id .. '"}'
  return wrk.format("POST", "/players/" .. players[i] .. "/transactions?provider=evolution", base, body)
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  elseif mode ~= "healthz" and not string.find(body, '"status":"OK"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local nonok = 0
  for _, t in ipairs(threads) do
    nonok = nonok + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'PITBOSS {"requests":%d,"duration_us":%d,"bad":%d,"socket_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, nonok, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
