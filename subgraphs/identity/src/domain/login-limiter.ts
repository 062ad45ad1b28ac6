import { rateLimited } from '@flock/graphql';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed logins per account name (whether or not the account exists, so the limit tells
 * nothing about existence). A success clears the count.
 */
export interface LoginLimiter {
  assertAllowed(login: string): Promise<void>;
  recordFailure(login: string): Promise<void>;
  reset(login: string): Promise<void>;
}

export function redisLoginLimiter(
  /** A connected node-redis client. */
  redis: object,
  { attempts = 10, windowSeconds = 15 * 60 } = {},
): LoginLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    keyPrefix: 'identity:login-failures',
    points: attempts,
    duration: windowSeconds,
  });
  const key = (login: string) => `{${login}}`;
  return {
    async assertAllowed(login) {
      const state = await limiter.get(key(login));
      if (state && state.consumedPoints >= attempts) {
        throw rateLimited(Math.ceil(state.msBeforeNext / 1000));
      }
    },
    async recordFailure(login) {
      await limiter.consume(key(login)).catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error;
      });
    },
    async reset(login) {
      await limiter.delete(key(login));
    },
  };
}
