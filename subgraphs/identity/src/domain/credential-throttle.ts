import { createHash } from 'node:crypto';
import { rateLimited } from '@flock/graphql';
import type { Redis } from '@flock/redis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { clientBucketOf } from './client-address';

/**
 * Throttles guessing of one secret (an account's password, for login or for a password
 * change) without letting anyone lock the owner out:
 *
 * 1. Per subject and client (an IPv4 address, an IPv6 /64): at most `perClient` attempts per
 *    `perClientWindowSeconds`, counted *before* the password is checked with one atomic
 *    increment, so N concurrent wrong attempts never get more than the limit checked. A
 *    success clears the client's count. Another client's failures never count here, so an
 *    attacker cannot stop the owner signing in from their own address.
 * 2. Per subject, from every client: once more than `ceiling` attempts have failed (or are in
 *    flight) within `ceilingWindowSeconds`, attempts are paced instead of refused for good:
 *    one is checked per pause, the pause starting at `pacingBaseMs` and doubling with each
 *    further failure up to `pacingMaxMs`; an attempt that comes too early is RATE_LIMITED with
 *    the time left (and does not count). Clients that succeeded for the subject in the last
 *    `knownClientDays` are not paced, so the owner's usual networks are never slowed down.
 *
 * Subjects are hashed in the keys (no login names or emails in Redis); the keys of one
 * subject share a hash tag (one Redis Cluster slot).
 */
export interface ThrottleSettings {
  perClient: number;
  perClientWindowSeconds: number;
  ceiling: number;
  ceilingWindowSeconds: number;
  pacingBaseMs: number;
  pacingMaxMs: number;
  knownClientDays: number;
  /** How many known clients are remembered per subject (the most recent ones). */
  knownClientsKept: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  perClient: 10,
  perClientWindowSeconds: 15 * 60,
  ceiling: 20,
  ceilingWindowSeconds: 60 * 60,
  pacingBaseMs: 1_000,
  pacingMaxMs: 60_000,
  knownClientDays: 30,
  knownClientsKept: 20,
};

/** An attempt that was counted and may be checked now. */
export interface CountedAttempt {
  /** The secret was right: the client's count is cleared and the client is remembered. */
  succeeded(): Promise<void>;
}

export interface CredentialThrottle {
  /** Counts an attempt for `subject` from `client`; RATE_LIMITED when it may not be checked. */
  begin(subject: string, client: string): Promise<CountedAttempt>;
}

export function redisCredentialThrottle(
  redis: Redis,
  keyPrefix: string,
  settings: ThrottleSettings = DEFAULT_THROTTLE,
): CredentialThrottle {
  const perClient = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix: `${keyPrefix}:client`,
    points: settings.perClient,
    duration: settings.perClientWindowSeconds,
  });
  // Only ever incremented (penalty) and decremented (reward): it counts, never refuses.
  const perSubject = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix: `${keyPrefix}:subject`,
    points: settings.ceiling,
    duration: settings.ceilingWindowSeconds,
  });
  const knownForMs = settings.knownClientDays * 86_400_000;

  return {
    async begin(subject, client) {
      const tag = `{${createHash('sha256').update(subject).digest('hex').slice(0, 32)}}`;
      const bucket = clientBucketOf(client);
      const clientKey = `${tag}:${bucket}`;
      const knownKey = `${keyPrefix}:known:${tag}`;
      try {
        await perClient.consume(clientKey);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(secondsOf(error.msBeforeNext));
        throw error;
      }
      const { consumedPoints } = await perSubject.penalty(tag, 1);
      const beyond = consumedPoints - settings.ceiling;
      if (beyond > 0 && !(await isKnown(knownKey, bucket))) {
        const pauseMs = Math.min(settings.pacingBaseMs * 2 ** (beyond - 1), settings.pacingMaxMs);
        const paceKey = `${keyPrefix}:pace:${tag}`;
        const turn = await redis.set(paceKey, '1', {
          condition: 'NX',
          expiration: { type: 'PX', value: pauseMs },
        });
        if (turn === null) {
          // Not checked, so not counted.
          const [waitMs] = await Promise.all([
            redis.pTTL(paceKey),
            perClient.reward(clientKey, 1),
            perSubject.reward(tag, 1),
          ]);
          throw rateLimited(secondsOf(Number(waitMs)));
        }
      }
      return {
        async succeeded() {
          const now = Date.now();
          await Promise.all([
            perClient.delete(clientKey),
            perSubject.reward(tag, 1),
            redis
              .multi()
              .zAdd(knownKey, { score: now, value: bucket })
              .zRemRangeByScore(knownKey, '-inf', now - knownForMs)
              .zRemRangeByRank(knownKey, 0, -settings.knownClientsKept - 1)
              .pExpire(knownKey, knownForMs)
              .exec(),
          ]);
        },
      };
    },
  };

  async function isKnown(knownKey: string, bucket: string): Promise<boolean> {
    const since = await redis.zScore(knownKey, bucket);
    return since !== null && Number(since) > Date.now() - knownForMs;
  }
}

/**
 * At most `limit` per key per window; 0 turns it off. The key is a client address
 * (registrations; an IPv6 address counts by its /64) or another subject (`user:<id>`).
 */
export type ClientLimit = (client: string) => Promise<void>;

export function redisClientLimit(
  redis: Redis,
  keyPrefix: string,
  { limit, windowSeconds }: { limit: number; windowSeconds: number },
): ClientLimit {
  if (limit === 0) return async () => {};
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix,
    points: limit,
    duration: windowSeconds,
  });
  return async (client) => {
    try {
      await limiter.consume(`{${clientBucketOf(client)}}`);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(secondsOf(error.msBeforeNext));
      throw error;
    }
  };
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Both limits must allow it (e.g. per hour and per day). */
export function bothLimits(first: ClientLimit, second: ClientLimit): ClientLimit {
  return async (key) => {
    await first(key);
    await second(key);
  };
}
