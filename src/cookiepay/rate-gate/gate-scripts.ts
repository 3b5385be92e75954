import { luaScript } from '../../redis/lua-script.js';

/**
 * The account's log of departures in Redis. Times are µs of Redis' clock (TIME), so processes need no common
 * clock. Per log (the account's, and a lane's when a share of the account is set apart):
 * - `departed`: a sorted set of requests that left, scored by when they left (kept one window);
 * - `admitted`: a sorted set of requests let go that have not reported their departure yet, scored by when the
 *   admission expires. Until it reports, an admitted request counts as leaving now, in every window.
 * A request may be admitted when the account (and its lane) has fewer than `max` requests departed within the
 * last window plus admitted. docs/rate-gate.md proves that no window then holds more than `max` departures.
 */

/**
 * KEYS: account departed, account admitted, pause, pace, [lane departed, lane admitted].
 * ARGV: window µs, account max, admission TTL µs, lane max (0: no lane), pace µs, burst, then the ids to admit.
 * Admits as many of the ids as both logs allow, and no faster than one per pace with at most `burst` at once
 * (a GCRA schedule in KEYS[4], which forgives a lateness of one pace): calls leave spread out rather than in
 * bursts of `max`. The schedule only spaces calls; the logs alone hold the limit. Returns { admitted count, µs to
 * wait when none was }.
 */
export const admitRequests = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1])
local ttl = tonumber(ARGV[3])
local pace = math.max(1, tonumber(ARGV[5]))
local tolerance = pace * (tonumber(ARGV[6]) - 1)
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return {0, paused - now} end
local tat = math.max(tonumber(redis.call('GET', KEYS[4]) or '0'), now - pace)
local asked = #ARGV - 6
-- Refused for pace: wait until there is pace for all that were asked (up to a burst), not just for one.
if tat - now > tolerance then return {0, tat - now - tolerance + pace * (math.min(asked, tonumber(ARGV[6])) - 1)} end
local paced = math.floor((tolerance - (tat - now)) / pace) + 1

local function room(departed, admitted, max)
  redis.call('ZREMRANGEBYSCORE', departed, '-inf', now - window)
  redis.call('ZREMRANGEBYSCORE', admitted, '-inf', now)
  local free = max - redis.call('ZCARD', departed) - redis.call('ZCARD', admitted)
  if free > 0 then return free, 0 end
  local oldest = redis.call('ZRANGE', departed, 0, 0, 'WITHSCORES')
  if oldest[2] then return 0, math.max(1, tonumber(oldest[2]) + window - now) end
  return 0, math.max(1000, math.floor(window / max))
end

local free, wait = room(KEYS[1], KEYS[2], tonumber(ARGV[2]))
local laneMax = tonumber(ARGV[4])
if laneMax > 0 then
  local laneFree, laneWait = room(KEYS[5], KEYS[6], laneMax)
  if laneFree < free then free, wait = laneFree, math.max(wait, laneWait) end
end
if free <= 0 then return {0, wait} end

local count = math.min(free, paced, asked)
for i = 1, count do
  local id = ARGV[6 + i]
  redis.call('ZADD', KEYS[2], now + ttl, id)
  if laneMax > 0 then redis.call('ZADD', KEYS[6], now + ttl, id) end
end
tat = tat + pace * count
redis.call('SET', KEYS[4], tat, 'PX', math.ceil((tat - now) / 1000) + 1000)
local keep = math.ceil((ttl + window) / 1000)
for i = 1, #KEYS do if i ~= 3 and i ~= 4 then redis.call('PEXPIRE', KEYS[i], keep) end end
return {count, 0}
`);

/**
 * KEYS: account departed, account admitted, [lane departed, lane admitted].
 * ARGV: window µs, then pairs of (id, µs since it left); -1 for a request that never left (an unused admission).
 * A departure is recorded `now - ago` of Redis' clock: the report's own travel only makes it later, never earlier.
 */
export const reportDepartures = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  local id = ARGV[i]
  local ago = tonumber(ARGV[i + 1])
  for k = 2, #KEYS, 2 do
    redis.call('ZREM', KEYS[k], id)
    if ago >= 0 then redis.call('ZADD', KEYS[k - 1], now - ago, id) end
  end
end
for k = 1, #KEYS, 2 do redis.call('PEXPIRE', KEYS[k], math.ceil(window / 1000) + 1000) end
return 1
`);

/** Holds the whole account back until now + ARGV[1] ms (never shortens a longer pause). */
export const pauseAccount = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilUs = now + tonumber(ARGV[1]) * 1000
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilUs > current then redis.call('SET', KEYS[1], untilUs, 'PX', tonumber(ARGV[1]) + 1000) end
return 1
`);
