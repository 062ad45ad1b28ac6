/**
 * Feed fan-out: one post to 10,000 and to 100,000 followers, on the standalone Redis and on the
 * local 3-master Redis Cluster, with one home per script call (how the fan-out wrote before
 * issue 18) and with homes grouped per call (FEED_FANOUT_GROUP; on the cluster, one hash
 * slot's homes per call). Measures the time until the last follower's home holds the post,
 * deliveries/s, when 99% were delivered, Redis's own time per delivery (INFO commandstats,
 * summed over the masters) and the client's CPU per delivery; beside raw pipelined ZADDs to as
 * many keys from the same client, and `redis-benchmark -t zadd -P 64` (the server's limit),
 * in the same run; then the Kafka hop (publish → consumed).
 *
 * Needs Redis, the Redis Cluster and Kafka: `npm test` starts them (or `npm run infra:up` and
 * `FLOCK_REDIS=cluster npm run infra:up`), then `npm run bench:fanout`. Key prefixes of its own,
 * removed afterwards. BENCH_ROUNDS (default 3): each row is the median of that many runs.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLocalStack } from '@flock/env';
import { createKafka, EventPublisher, on, postCreated, startConsumer } from '@flock/events';
import {
  defaultTimelineSettings,
  type Entry,
  type FanoutOutcome,
  type FeedRedis,
  feedKeys,
  ScriptRunner,
  TimelineProjection,
  TimelineStore,
} from '@flock/feed/timelines';
import { createLogger, withCorrelation } from '@flock/logger';
import { closeRedis, connectRedis, deleteKeys, type Redis, serverClients } from '@flock/redis';
import { loadAverages, machine, progress } from './lib';

const stack = resolveLocalStack(process.env);
const logger = createLogger({ service: 'bench', level: 'warn' });
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FOLLOWERS = [10_000, 100_000];

/** The feed's store, noting when each fan-out batch has been written (ms since `since`). */
class BatchTimingStore extends TimelineStore {
  since = 0;
  batches: { size: number; doneAtMs: number }[] = [];

  override async addToActiveHomes(userIds: readonly string[], entry: Entry): Promise<number> {
    const written = await super.addToActiveHomes(userIds, entry);
    this.batches.push({ size: userIds.length, doneAtMs: performance.now() - this.since });
    return written;
  }
}

async function inBatches<T>(items: T[], size: number, write: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(write));
}

/** Redis's own time in `command` so far (INFO commandstats, every master): calls and µs. */
async function commandStats(redis: Redis, command: string) {
  let calls = 0;
  let usec = 0;
  for (const node of await serverClients(redis)) {
    const line = (await node.info('commandstats'))
      .split('\n')
      .find((l) => l.startsWith(`cmdstat_${command}:`));
    calls += Number(/calls=(\d+)/.exec(line ?? '')?.[1] ?? 0);
    usec += Number(/usec=(\d+)/.exec(line ?? '')?.[1] ?? 0);
  }
  return { calls, usec };
}

/** Redis's µs in `command`, the client's CPU µs and the wall time while `work` ran. */
async function measured(redis: Redis, command: string, work: () => Promise<unknown>) {
  const before = await commandStats(redis, command);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const after = await commandStats(redis, command);
  return {
    seconds,
    redisMicros: after.usec - before.usec,
    calls: after.calls - before.calls,
    clientMicros: used.user + used.system,
  };
}

interface Row {
  target: string;
  group: number;
  followers: number;
  perSecond: number;
  seconds: number;
  p99Ms: number;
  callsPerDelivery: number;
  redisMicrosPerDelivery: number;
  clientMicrosPerDelivery: number;
  rawPerSecond: number;
}

async function fanOut(
  redis: FeedRedis,
  target: string,
  group: number,
  followers: number,
): Promise<Row> {
  const prefix = `benchfanout${randomUUID().slice(0, 8)}`;
  const settings = {
    ...defaultTimelineSettings,
    prefix,
    fanoutThreshold: 1_000_000,
    fanoutGroup: group,
  };
  const k = feedKeys(prefix);
  const store = new BatchTimingStore(redis, k, new ScriptRunner(redis), settings);
  const projection = new TimelineProjection(store, settings);
  const author = randomUUID();
  const ids = Array.from({ length: followers }, () => randomUUID());
  try {
    // Active followers: each has a home timeline.
    await inBatches(ids, 1000, (id) =>
      redis.zAdd(k.home(id), { score: Number.NEGATIVE_INFINITY, value: '~' }),
    );
    await inBatches(ids, 1000, (id) => redis.sAdd(k.followers(author), id));

    // The client's limit: pipelined ZADDs to as many keys, nothing else.
    const raw = await measured(redis, 'zadd', () =>
      inBatches(ids, 1000, (id) => redis.zAdd(`${prefix}:raw:{u:${id}}`, { score: 1, value: 'x' })),
    );

    let outcome: FanoutOutcome | undefined;
    store.batches = [];
    const run = await measured(redis, 'evalsha', async () => {
      store.since = performance.now();
      // As in the worker, which handles each event with its correlation id in scope.
      outcome = await withCorrelation(randomUUID(), () =>
        projection.postCreated({
          postId: randomUUID(),
          authorId: author,
          replyToId: null,
          createdAt: new Date().toISOString(),
        }),
      );
    });
    if (outcome?.delivered !== followers) {
      throw new Error(`delivered to ${outcome?.delivered} homes of ${followers}`);
    }
    let sum = 0;
    const p99At = store.batches.find((b) => {
      sum += b.size;
      return sum >= 0.99 * followers;
    });
    return {
      target,
      group,
      followers,
      perSecond: Math.round(followers / run.seconds),
      seconds: run.seconds,
      p99Ms: Math.round(p99At?.doneAtMs ?? run.seconds * 1000),
      callsPerDelivery: run.calls / followers,
      redisMicrosPerDelivery: run.redisMicros / followers,
      clientMicrosPerDelivery: run.clientMicros / followers,
      rawPerSecond: Math.round(followers / raw.seconds),
    };
  } finally {
    await deleteKeys(redis, `${prefix}:*`);
  }
}

const median = (rows: Row[]): Row => {
  const sorted = [...rows].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)] as Row;
};

/** redis-benchmark's pipelined ZADD rate against the standalone Redis: the server's limit. */
function redisBenchmarkZadd(): number {
  const { hostname, port } = new URL(stack.redisUrl);
  const csv = execFileSync(
    'redis-benchmark',
    ['-h', hostname, '-p', port || '6379', '-t', 'zadd', '-P', '64', '-n', '1000000', '--csv'],
    { encoding: 'utf8' },
  );
  const line = csv.split('\n').find((l) => l.startsWith('"ZADD"'));
  return Math.round(Number(line?.split(',')[1]?.replaceAll('"', '') ?? 0));
}

async function kafkaHop(): Promise<number> {
  const kafka = createKafka({ clientId: 'bench-fanout', brokers: stack.kafkaBrokers, logger });
  const marker = randomUUID();
  let receivedAt = 0;
  const consumer = await startConsumer({
    kafka,
    groupId: `bench-fanout-${marker}`,
    logger,
    subscriptions: [
      on(postCreated, async (event) => {
        if (event.payload.postId === marker) receivedAt = performance.now();
      }),
    ],
  });
  while (!consumer.isReady()) await new Promise((resolve) => setTimeout(resolve, 100));
  const publisher = await EventPublisher.connect(kafka, 'bench');
  const sentAt = performance.now();
  await publisher.publish(postCreated, {
    postId: marker,
    authorId: randomUUID(),
    replyToId: null,
    createdAt: new Date().toISOString(),
  });
  while (!receivedAt) await new Promise((resolve) => setTimeout(resolve, 5));
  await publisher.disconnect();
  await consumer.stop();
  return Math.round(receivedAt - sentAt);
}

const targets: { name: string; options: { url: string; clusterNodes?: string[] } }[] = [
  { name: 'standalone', options: { url: stack.redisUrl } },
  {
    name: 'cluster (3 masters)',
    options: { url: stack.redisUrl, clusterNodes: stack.redisClusterNodes },
  },
];
const rows: Row[] = [];
// BENCH_TARGETS=standalone (or cluster) runs one of the two only; BENCH_GROUPS the homes per
// script call to compare (default: 1, as before issue 18, and the default FEED_FANOUT_GROUP).
const groups = (process.env.BENCH_GROUPS ?? `1,${defaultTimelineSettings.fanoutGroup}`)
  .split(',')
  .map(Number);
const chosen = targets.filter((t) => t.name.startsWith(process.env.BENCH_TARGETS ?? ''));
for (const { name, options } of chosen) {
  const redis = await connectRedis({ ...options, logger });
  for (const followers of FOLLOWERS) {
    for (const group of groups) {
      const runs: Row[] = [];
      for (let i = 0; i < ROUNDS; i++) runs.push(await fanOut(redis, name, group, followers));
      rows.push(median(runs));
      progress.info(rows.at(-1), 'row measured');
    }
  }
  await closeRedis(redis);
}
const limit = redisBenchmarkZadd();
const hop = await kafkaHop();

const table = rows.map(
  (r) =>
    `| ${r.target} | ${r.followers.toLocaleString('en')} | ${r.group === 1 ? '1 (as before)' : r.group} | ${r.seconds.toFixed(2)} s | **${r.perSecond.toLocaleString('en')}** | ${r.p99Ms} ms | ${r.callsPerDelivery.toFixed(3)} | ${r.redisMicrosPerDelivery.toFixed(2)} µs | ${r.clientMicrosPerDelivery.toFixed(2)} µs | ${r.rawPerSecond.toLocaleString('en')} |`,
);
const report = `\n## ${new Date().toISOString()}\n\n${machine()}; ${loadAverages()}. Redis ${stack.redisUrl} and the cluster ${stack.redisClusterNodes.join(', ')} on the same machine; median of ${ROUNDS} runs per row.\n
| Redis | followers | homes per script call | fan-out until the last home holds it | deliveries/s | 99% delivered by | script calls per delivery | Redis's time per delivery | client CPU per delivery | raw pipelined ZADD/s, same client |
|---|---|---|---|---|---|---|---|---|---|
${table.join('\n')}

\`redis-benchmark -t zadd -P 64\` against the standalone Redis in the same run: **${limit.toLocaleString('en')} ZADD/s**.
Kafka hop (publish → consumed by a subscribed consumer): ${hop} ms. Post-to-timeline for the
99th percentile follower ≈ Kafka hop + "99% delivered by".
`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'feed-fanout.md'), report);
