import type { Logger } from '@flock/logger';
import calculateSlot from 'cluster-key-slot';
import { createClient, createCluster } from 'redis';

export interface RedisOptions {
  /** A standalone Redis (ignored when `clusterNodes` is given). */
  url: string;
  /**
   * A Redis Cluster: some of its nodes (redis://host:port, credentials in the URL), from
   * which the client learns the rest and the slot map. Empty or absent: standalone `url`.
   */
  clusterNodes?: readonly string[];
  logger: Logger;
  /**
   * How long Redis may stay silent while a command waits (0: no bound). This bounds the
   * connection rather than each command (no timer per command): the socket is
   * dropped after this much silence (pending commands fail, the client reconnects), and a
   * PING every half of it keeps an idle connection from looking silent.
   */
  commandTimeoutMs?: number;
}

/** The settings of a connection, shared by a standalone client and each node of a cluster. */
function connectionSettings(commandTimeoutMs: number) {
  const bounded = commandTimeoutMs > 0;
  return {
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
  };
}

function createStandalone(url: string, commandTimeoutMs: number) {
  return createClient({ url, ...connectionSettings(commandTimeoutMs) });
}

function createClusterClient(nodes: readonly string[], commandTimeoutMs: number) {
  const [first = ''] = nodes;
  // Credentials of the first node apply to every node the cluster reports.
  const { username, password } = new URL(first);
  return createCluster({
    rootNodes: nodes.map((url) => ({ url })),
    defaults: {
      ...connectionSettings(commandTimeoutMs),
      ...(username ? { username: decodeURIComponent(username) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
    },
  });
}

export type RedisClient = ReturnType<typeof createStandalone>;
export type RedisCluster = ReturnType<typeof createClusterClient>;
/**
 * A standalone client or a cluster client: the same commands (a cluster routes each by its
 * first key, so every multi-key command must keep its keys in one hash slot — hash tags).
 * Where the two differ (raw commands, MULTI, SCAN, scripts' loading) use the helpers below.
 */
export type Redis = RedisClient | RedisCluster;

/**
 * A client that logs its errors (node-redis emits them on reconnects) and keeps reconnecting.
 * Bounded (a request path: `commandTimeoutMs` > 0), it also fails fast while disconnected:
 * commands are refused at once instead of queueing until Redis returns, and the caller
 * answers with a coded error. Unbounded (a worker), commands wait for the reconnection.
 */
export function createRedis({
  url,
  clusterNodes = [],
  logger,
  commandTimeoutMs = 0,
}: RedisOptions): Redis {
  const redis: Redis =
    clusterNodes.length > 0
      ? createClusterClient(clusterNodes, commandTimeoutMs)
      : createStandalone(url, commandTimeoutMs);
  redis.on('error', (err: unknown) => logger.error({ err }, 'redis error'));
  return redis;
}

export function isCluster(redis: Redis): redis is RedisCluster {
  return 'masters' in redis;
}

/** Where a service's env says Redis is (REDIS_URL, or REDIS_CLUSTER_NODES when set). */
export function redisTarget(env: { REDIS_URL: string; REDIS_CLUSTER_NODES?: string[] }) {
  return { url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES ?? [] };
}

/**
 * A raw command. `key`: the key it touches (a cluster sends it to that key's node; every
 * other key of the command must share its hash slot).
 */
export function sendCommand<T = unknown>(redis: Redis, key: string, args: string[]): Promise<T> {
  return isCluster(redis)
    ? redis.sendCommand<T>(key, false, args)
    : (redis.sendCommand(args) as Promise<T>);
}

/** The hash slot (0..16383) Redis Cluster gives a key (CRC16 of its hash tag, or of all of it). */
export function hashSlot(key: string): number {
  return calculateSlot(key);
}

/**
 * `keys` split into groups a single command may touch together, each at most `size` long:
 * on a standalone Redis any keys (consecutive chunks); on a cluster only keys of one hash slot.
 */
export function groupKeys(redis: Redis, keys: readonly string[], size: number): string[][] {
  const chunks = (list: readonly string[]) => {
    const out: string[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  };
  if (!isCluster(redis)) return chunks(keys);
  const bySlot = new Map<number, string[]>();
  for (const key of keys) {
    const slot = hashSlot(key);
    const group = bySlot.get(slot);
    if (group) group.push(key);
    else bySlot.set(slot, [key]);
  }
  return [...bySlot.values()].flatMap(chunks);
}

/** A MULTI/EXEC transaction on `key`'s node (every key in it must share `key`'s hash slot). */
export function transaction(redis: Redis, key: string) {
  return isCluster(redis) ? redis.multi(key) : redis.multi();
}

/** Every key matching `match`, a page at a time: on a cluster, every master's keys. */
export async function* scanKeys(
  redis: Redis,
  match: string,
  count = 1000,
): AsyncGenerator<string[]> {
  if (!isCluster(redis)) {
    yield* redis.scanIterator({ MATCH: match, COUNT: count });
    return;
  }
  for (const master of redis.masters) {
    const node = await redis.nodeClient(master);
    yield* node.scanIterator({ MATCH: match, COUNT: count });
  }
}

/** Deletes every key matching `match` (one UNLINK per key: cluster-safe); how many went. */
export async function deleteKeys(redis: Redis, match: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scanKeys(redis, match)) {
    for (const key of keys) deleted += await redis.unlink(key);
  }
  return deleted;
}

/** The members of a set, a page of SSCAN at a time (about `count` each). */
export async function* setMemberPages(
  redis: Redis,
  key: string,
  count: number,
): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const page = await redis.sScan(key, cursor, { COUNT: count });
    cursor = String(page.cursor);
    if (page.members.length > 0) yield page.members;
  } while (cursor !== '0');
}

/** The standalone clients to ask about the server itself (INFO, PING): every master of a cluster. */
export async function serverClients(redis: Redis): Promise<RedisClient[]> {
  if (!isCluster(redis)) return [redis];
  return Promise.all(redis.masters.map((master) => redis.nodeClient(master))) as Promise<
    RedisClient[]
  >;
}

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
    connectWhenPossible(redis, logger).then(() => true),
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

/**
 * Connects `redis`, and keeps trying until it is connected or closed; resolves once connected.
 * A standalone client's reconnect strategy retries by itself; a cluster client whose first
 * connect fails does not (it could not learn the slot map), so it is connected again, backing
 * off up to 5 s.
 */
export function connectWhenPossible(redis: Redis, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const attempt = (n: number) => {
      redis.connect().then(
        () => resolve(),
        (err: unknown) => {
          logger.error({ err }, 'redis connection failed');
          if (!isCluster(redis)) return;
          setTimeout(
            () => {
              if (!redis.isOpen && !closed.has(redis)) attempt(n + 1);
            },
            Math.min(2 ** n * 100, 5_000),
          ).unref();
        },
      );
    };
    attempt(1);
  });
}

const closed = new WeakSet<Redis>();

/** Closes a client, whether or not it ever connected (a client still connecting is dropped). */
export async function closeRedis(redis: Redis): Promise<void> {
  closed.add(redis);
  if (isCluster(redis)) {
    if (redis.isOpen) await redis.close();
    else redis.destroy();
    return;
  }
  if (redis.isReady) await redis.close();
  else redis.destroy();
}
