import type { Logger } from '@flock/logger';
import { createClient } from 'redis';

export interface RedisOptions {
  url: string;
  logger: Logger;
  /**
   * How long Redis may stay silent while a command waits (0: no bound). This bounds the
   * connection rather than each command (no timer per command): the socket is
   * dropped after this much silence (pending commands fail, the client reconnects), and a
   * PING every half of it keeps an idle connection from looking silent.
   */
  commandTimeoutMs?: number;
}

/**
 * A client that logs its errors (node-redis emits them on reconnects) and keeps reconnecting.
 * Bounded (a request path: `commandTimeoutMs` > 0), it also fails fast while disconnected:
 * commands are refused at once instead of queueing until Redis returns, and the caller
 * answers with a coded error. Unbounded (a worker), commands wait for the reconnection.
 */
export function createRedis({ url, logger, commandTimeoutMs = 0 }: RedisOptions) {
  const bounded = commandTimeoutMs > 0;
  const redis = createClient({
    url,
    disableOfflineQueue: bounded,
    // node-redis 6 arms an AbortSignal.timeout per command (5 s by default), which fires and
    // builds a DOMException for every command, answered or not: ~2 % of the feed subgraph's
    // CPU per page. A bounded client is bounded by its socket timeout instead (below).
    ...(bounded ? { commandOptions: { timeout: 0 } } : {}),
    ...(bounded ? { pingInterval: Math.max(50, Math.floor(commandTimeoutMs / 2)) } : {}),
    socket: {
      ...(bounded ? { socketTimeout: commandTimeoutMs, connectTimeout: commandTimeoutMs } : {}),
      // Always reconnect, a silent (timed-out) Redis included, which node-redis gives up on by
      // default: back off up to 2 s, with jitter so replicas do not reconnect in step.
      reconnectStrategy: (retries: number) =>
        Math.min(2 ** retries * 50, 2_000) + Math.floor(Math.random() * 200),
    },
  });
  redis.on('error', (err) => logger.error({ err }, 'redis error'));
  return redis;
}

export type Redis = ReturnType<typeof createRedis>;

/**
 * A connected client, or, when Redis does not answer within `waitMs`, one that keeps
 * connecting in the background: a service starts and serves what it can without Redis
 * (bounded clients refuse commands until then; unbounded ones queue them).
 */
export async function connectRedis(options: RedisOptions & { waitMs?: number }): Promise<Redis> {
  const { waitMs = 3_000, logger } = options;
  const redis = createRedis(options);
  let timer: NodeJS.Timeout | undefined;
  const connected = await Promise.race([
    redis.connect().then(
      () => true,
      (err: unknown) => {
        logger.error({ err }, 'redis connection failed');
        return false;
      },
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!connected) {
    logger.warn(
      { waitMs },
      'Redis does not answer: starting without it, connecting in the background',
    );
  }
  return redis;
}

/** Closes a client, whether or not it ever connected (a client still connecting is dropped). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.isReady) await redis.close();
  else redis.destroy();
}
