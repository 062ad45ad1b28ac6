import { verifierFromEnv } from '@flock/auth';
import { kafkaDurability, startServiceEvents } from '@flock/events';
import type { Logger } from '@flock/logger';
import { closeRedis, connectRedis, redisTarget } from '@flock/redis';
import { type ResourceRegistry, type RunningService, startService } from '@flock/service';
import { createTimelines } from './domain/timelines';
import type { FeedEnv } from './env';
import { feedSubscriptions } from './events/handlers';
import { startFeedServer } from './server';

/**
 * Redis holds the timelines: the feed can answer nothing without it (readiness). The
 * subgraph's commands are bounded (a frozen Redis gives coded errors, not hangs); the
 * worker's are not (REDIS_COMMAND_TIMEOUT_MS costs fan-out throughput): its handlers wait for
 * Redis to come back, and the consumer hands on what it could not finish.
 */
async function connectFeedRedis(
  resources: ResourceRegistry,
  env: FeedEnv,
  logger: Logger,
  commandTimeoutMs = 0,
) {
  const redis = await connectRedis({ ...redisTarget(env), logger, commandTimeoutMs });
  resources.add('redis', { ready: () => redis.ping(), close: () => closeRedis(redis) });
  return redis;
}

/** The feed subgraph: reads timelines from Redis (the worker writes them). */
export function startFeed(env: FeedEnv, logger: Logger): Promise<RunningService> {
  return startService(logger, async (resources) => {
    const redis = await connectFeedRedis(resources, env, logger, env.REDIS_COMMAND_TIMEOUT_MS);
    const { reader } = createTimelines(redis, env.timelines);
    const verifyAccessToken = verifierFromEnv(env);
    resources.add('identity keys', { ready: verifyAccessToken.keysReady });
    const { handler } = await startFeedServer(resources, {
      reader,
      verifyAccessToken,
      logger,
    });
    return { host: env.HOST, port: env.PORT, handler };
  });
}

/**
 * The feed worker: consumes the events into Redis. Its own process, so it scales by
 * consumer-group membership apart from the GraphQL server.
 */
export function startFeedWorker(env: FeedEnv, logger: Logger): Promise<RunningService> {
  return startService(logger, async (resources) => {
    const redis = await connectFeedRedis(resources, env, logger);
    const { projection } = createTimelines(redis, env.timelines);
    await startServiceEvents(resources, {
      service: 'feed-worker',
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ...kafkaDurability(env),
      logger,
      consumer: {
        groupId: env.KAFKA_GROUP_ID,
        fromBeginning: env.FEED_FROM_BEGINNING,
        subscriptions: feedSubscriptions(projection, resources.metrics),
      },
    });
    return { host: env.HOST, port: env.PORT };
  });
}
