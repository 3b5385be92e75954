import { luaScript } from '../../redis/lua-script.js';

/**
 * The account's schedule (GCRA) in Redis: KEYS[1] holds the next free send time in microseconds of Redis' clock
 * (TIME), KEYS[2] a pause (429) until a time. Times come from Redis, so processes need no common clock.
 */

/**
 * Reserves ARGV[3] consecutive slots, ARGV[1] µs apart, from the next free time (or now, or the pause's end,
 * whichever is latest). Beyond the horizon (ARGV[2] µs) nothing is reserved.
 * Returns { granted (1|0), µs from now to the first slot (granted) or to the horizon's reach (refused) }.
 */
export const reserveSlots = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local horizon = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'))
if start - now > horizon then return {0, start - now - horizon} end
local nextFree = start + interval * count
redis.call('SET', KEYS[1], nextFree, 'PX', math.ceil((nextFree - now) / 1000) + 1000)
return {1, start - now}
`);

/** Holds the whole account back until now + ARGV[1] ms (never shortens a longer pause). */
export const pauseSchedule = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilUs = now + tonumber(ARGV[1]) * 1000
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilUs > current then redis.call('SET', KEYS[1], untilUs, 'PX', tonumber(ARGV[1]) + 1000) end
return 1
`);

/**
 * A call that reached the wire late (it left ARGV[1] µs ago) keeps the next free slot at least one interval
 * (ARGV[2] µs) after it actually left. Never moves the schedule by more than that, so late calls do not add up:
 * when the schedule is already further on, nothing changes.
 */
export const deferSchedule = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local candidate = now - tonumber(ARGV[1]) + tonumber(ARGV[2])
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
if candidate > next then
  redis.call('SET', KEYS[1], candidate, 'PX', math.ceil((candidate - now) / 1000) + 1000)
end
return 1
`);
