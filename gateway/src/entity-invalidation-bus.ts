import type { EntityRef } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import type { Redis } from '@flock/redis';
import type { EntityCache } from './entity-cache';

export interface EntityInvalidationBus {
  /** Evicts here at once, then tells every other replica (Redis pub/sub). */
  invalidate(refs: EntityRef[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Carries entity invalidations between gateway replicas (and the workers of one): a
 * mutation served by one replica evicts the entity from every replica's cache. A replica
 * that misses a message (disconnected at that moment) still drops the entity when its
 * Cache-Control age runs out (10 s for posts).
 */
export async function entityInvalidationBus(
  redis: Redis,
  cache: EntityCache,
  { channel, logger }: { channel: string; logger: Logger },
): Promise<EntityInvalidationBus> {
  const subscriber = redis.duplicate();
  subscriber.on('error', (err) => logger.error({ err }, 'redis error (invalidation subscriber)'));
  await subscriber.connect();
  await subscriber.subscribe(channel, (message) => {
    try {
      const refs = JSON.parse(message) as unknown;
      if (Array.isArray(refs)) cache.invalidate(refs.filter(isRef));
    } catch (err) {
      logger.warn({ err }, 'ignored a malformed entity invalidation');
    }
  });
  return {
    async invalidate(refs) {
      cache.invalidate(refs);
      await redis.publish(channel, JSON.stringify(refs));
    },
    close: async () => {
      await subscriber.quit();
    },
  };
}

function isRef(value: unknown): value is EntityRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EntityRef).__typename === 'string' &&
    typeof (value as EntityRef).id === 'string'
  );
}
