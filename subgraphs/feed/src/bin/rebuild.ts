import { createLogger } from '@flock/logger';
import { connectRedis, redisTarget } from '@flock/redis';
import { runMain } from '@flock/service';
import { createTimelines } from '../domain/timelines';
import { loadFeedEnv } from '../env';
import { rebuildFeed } from '../events/rebuild-feed';

// `npm run feed:rebuild`: empty the feed's Redis keys and replay the topics into them.
runMain('feed-rebuild', async () => {
  const env = loadFeedEnv(process.env);
  const logger = createLogger({
    service: 'feed-rebuild',
    level: env.LOG_LEVEL,
    pretty: env.LOG_PRETTY,
  });
  const redis = await connectRedis({ ...redisTarget(env), logger });
  const report = await rebuildFeed({
    redis,
    timelines: createTimelines(redis, env.timelines),
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  logger.info(report, 'feed rebuilt');
  await redis.quit();
});
