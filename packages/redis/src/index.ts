import type { Logger } from '@flock/logger';
import { createClient } from 'redis';

export interface RedisOptions {
  url: string;
  logger: Logger;
  /**
   * Rejects a command that got no reply in this time. node-redis arms a timer (an
   * AbortSignal) per command for it — ~25 µs of CPU each, a quarter of the fan-out's rate
   * measured here — so 0 (the default) leaves it off: a lost connection still fails every
   * pending command at once, and the client reconnects.
   */
  commandTimeoutMs?: number;
}

/** A client that is connected and logs its errors (node-redis emits them on reconnects). */
export function createRedis({ url, logger, commandTimeoutMs = 0 }: RedisOptions) {
  const redis = createClient({ url, commandOptions: { timeout: commandTimeoutMs } });
  redis.on('error', (err) => logger.error({ err }, 'redis error'));
  return redis;
}

export type Redis = ReturnType<typeof createRedis>;

export async function connectRedis(options: RedisOptions): Promise<Redis> {
  const redis = createRedis(options);
  await redis.connect();
  return redis;
}
