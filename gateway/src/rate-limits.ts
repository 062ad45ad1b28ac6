import type { Viewer } from '@flock/auth';
import { rateLimited, serviceUnavailable } from '@flock/graphql';
import type { ServiceMetrics } from '@flock/telemetry';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitSettings {
  /** Requests per minute; 0 turns the limit off. */
  perIp: number;
  perUser: number;
  /** Redis key namespace of the counters. */
  namespace: string;
}

export type RateLimitCheck = (ip: string, viewer: Viewer | null) => Promise<void>;

/**
 * Per-IP and per-user request limits, counted in Redis so every gateway replica shares them.
 * Over the limit: RATE_LIMITED with HTTP 429 and how long to wait.
 */
export function redisRateLimits(
  redis: object,
  settings: RateLimitSettings,
  metrics?: ServiceMetrics,
): RateLimitCheck {
  const limiter = (points: number, keyPrefix: string) =>
    points > 0
      ? new RateLimiterRedis({
          storeClient: redis,
          useRedisPackage: true,
          keyPrefix,
          points,
          duration: 60,
        })
      : undefined;
  const perIp = limiter(settings.perIp, `${settings.namespace}:rate:ip`);
  const perUser = limiter(settings.perUser, `${settings.namespace}:rate:user`);
  const consume = async (
    limit: RateLimiterRedis | undefined,
    key: string,
    name: 'requests_per_ip' | 'requests_per_user',
  ) => {
    try {
      await limit?.consume(`{${key}}`);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        metrics?.rateLimitRejections.inc({ limit: name });
        throw rateLimited(Math.ceil(error.msBeforeNext / 1000), { requestLevel: true });
      }
      // Redis down or frozen (command timeout): refuse with a coded 503 rather than a 500,
      // and rather than serving without limits.
      throw serviceUnavailable('rate limits', { requestLevel: true });
    }
  };
  return async (ip, viewer) => {
    await consume(perIp, ip, 'requests_per_ip');
    if (viewer) await consume(perUser, viewer.id, 'requests_per_user');
  };
}
