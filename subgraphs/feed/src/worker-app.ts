import { allTopics, createKafka, ensureTopics, startConsumer } from '@flock/events';
import type { Logger } from '@flock/logger';
import { connectRedis } from '@flock/redis';
import { type RunningService, startHttpServer } from '@flock/service';
import { Timelines } from './domain/timelines';
import type { FeedEnv } from './env';
import { feedSubscriptions } from './events/handlers';

/**
 * The feed worker: consumes the events into Redis. Its own process, so it scales by
 * consumer-group membership apart from the GraphQL server.
 */
export async function startFeedWorker(env: FeedEnv, logger: Logger): Promise<RunningService> {
  const redis = await connectRedis({ url: env.REDIS_URL, logger });
  const timelines = new Timelines(redis, env.timelines);
  const kafka = createKafka({
    clientId: env.KAFKA_CLIENT_ID ?? 'feed-worker',
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(kafka, allTopics);
  const consumer = await startConsumer({
    kafka,
    groupId: env.KAFKA_GROUP_ID,
    logger,
    fromBeginning: env.FEED_FROM_BEGINNING,
    subscriptions: feedSubscriptions(timelines),
  });
  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    readiness: {
      redis: () => redis.ping(),
      kafka: consumer.readiness,
    },
  });
  return {
    url: http.url,
    steps: [
      { name: 'http', close: () => http.close() },
      { name: 'consumer', close: () => consumer.stop() },
      { name: 'redis', close: () => redis.quit() },
    ],
  };
}
