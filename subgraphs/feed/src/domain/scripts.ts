import { createHash } from 'node:crypto';

/** A Lua script and its SHA (run by ScriptRunner, which loads it again if Redis forgot it). */
export interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * KEYS[1] home; ARGV[1] cap; ARGV[2..] score, member pairs.
 * Adds the entries only if the home timeline exists (its user is active), then caps it,
 * keeping the sentinel (lowest score, rank 0): an active home always holds the sentinel, so
 * one ZCARD tells both whether it exists and how full it is.
 */
export const addToActiveHome = script(`
local size = redis.call('ZCARD', KEYS[1])
if size == 0 then return 0 end
local added = redis.call('ZADD', KEYS[1], unpack(ARGV, 2))
local cap = tonumber(ARGV[1])
if size + added > cap + 1 then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 1, -(cap + 1))
end
return 1`);

/**
 * KEYS[1..n] homes; ARGV[1] cap, ARGV[2] score, ARGV[3] member. addToActiveHome for one entry
 * on many homes in one call (a fan-out's group: the fixed cost of calling a script, most of a
 * one-home call's, is paid once per group). Returns how many homes were active and got it.
 * On a cluster the homes of one call share a hash slot (the caller groups them).
 */
export const addToActiveHomes = script(`
local cap = tonumber(ARGV[1])
local written = 0
for i = 1, #KEYS do
  local size = redis.call('ZCARD', KEYS[i])
  if size > 0 then
    local added = redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3])
    if size + added > cap + 1 then
      redis.call('ZREMRANGEBYRANK', KEYS[i], 1, -(cap + 1))
    end
    written = written + 1
  end
end
return written`);

/**
 * KEYS[1] the set, KEYS[2] its clock hash; ARGV[1] other user, ARGV[2] the change's clock,
 * ARGV[3] 'add' or 'remove'. Applies the change only if it is newer than the last one seen
 * for that pair; returns 1 when the membership changed.
 *
 * An equal clock is the same change replayed, and changes nothing, except that a remove at
 * the clock of an applied add still removes: two different changes with one clock can only
 * be events from before `sequence` (one request's follow and unfollow carried its start
 * time), and then the unfollow wins, whichever arrives first, so a replay in any order ends
 * the same. Sequenced changes of a pair never share a clock.
 */
export const applyFollowChange = script(`
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '-1')
local at = tonumber(ARGV[2])
if at < last or (at == last and ARGV[3] == 'add') then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[3] == 'add' then return redis.call('SADD', KEYS[1], ARGV[1]) end
return redis.call('SREM', KEYS[1], ARGV[1])`);
