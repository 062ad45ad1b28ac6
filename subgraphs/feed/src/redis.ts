import type { Logger } from '@flock/logger';
import { createClient } from 'redis';
import type { FeedRedis } from './domain/timelines';

export async function connectRedis(url: string, logger: Logger): Promise<FeedRedis> {
  const redis: FeedRedis = createClient({ url });
  redis.on('error', (err) => logger.error({ err }, 'redis error'));
  await redis.connect();
  return redis;
}
