import type { EntityRef } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { closeRedis, connectWhenPossible, isCluster, type Redis } from '@flock/redis';
import type { EntityCache } from './entity-cache';

export interface EntityInvalidationBus {
  /** Evicts here at once, then tells every other replica (Redis pub/sub). */
  invalidate(refs: EntityRef[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Carries entity invalidations between gateway replicas (and the workers of one): a
 * mutation served by one replica evicts the entity from every replica's cache. A replica
 * cut off from Redis may miss messages: it empties its cache when it reconnects. It starts
 * without Redis too (subscribing once Redis answers).
 */
export async function entityInvalidationBus(
  redis: Redis,
  cache: EntityCache,
  { channel, logger }: { channel: string; logger: Logger },
): Promise<EntityInvalidationBus> {
  // Queues its SUBSCRIBE while disconnected (the request path's client refuses commands
  // then), and subscribes again after every reconnection. On a cluster, PUBLISH reaches every
  // node, and the subscriber listens on one (again on another if that one fails).
  const subscriber = isCluster(redis)
    ? redis.duplicate({ defaults: { ...redis._options.defaults, disableOfflineQueue: false } })
    : redis.duplicate({ disableOfflineQueue: false });
  subscriber.on('error', (err: unknown) =>
    logger.error({ err }, 'redis error (invalidation subscriber)'),
  );
  let connectedBefore = false;
  // Whatever was cached while cut off may have missed an invalidation.
  const emptyCache = () => {
    cache.clear();
    if (connectedBefore) logger.info('reconnected to Redis: entity cache emptied');
    connectedBefore = true;
  };
  if (isCluster(subscriber)) subscriber.on('node-ready', emptyCache);
  else subscriber.on('ready', emptyCache);
  const subscribe = () =>
    subscriber
      .subscribe(channel, (message: string) => {
        try {
          const refs = JSON.parse(message) as unknown;
          if (Array.isArray(refs)) cache.invalidate(refs.filter(isRef));
        } catch (err) {
          logger.warn({ err }, 'ignored a malformed entity invalidation');
        }
      })
      .catch((err) => logger.error({ err }, 'could not subscribe to entity invalidations'));
  // A standalone client queues the SUBSCRIBE until it connects; a cluster client must know its
  // nodes first (and subscribes again by itself when its pub/sub node changes).
  const connected = connectWhenPossible(subscriber, logger);
  if (isCluster(subscriber)) void connected.then(subscribe);
  else void subscribe();
  return {
    async invalidate(refs) {
      cache.invalidate(refs);
      await redis.publish(channel, JSON.stringify(refs));
    },
    close: () => closeRedis(subscriber),
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
