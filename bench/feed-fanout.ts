/**
 * Feed fan-out: one post to 10,000 and to 100,000 followers. Measures the fan-out itself
 * (time until the last follower's home holds the post, deliveries/s, the time by which 99%
 * were delivered), beside a raw pipelined ZADD rate to as many keys in the same run (the
 * limit), and the Kafka hop (publish → consumed). Needs Redis and Kafka: `npm run infra:up`,
 * then `npm run bench:fanout`. Uses a key prefix of its own and removes it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { localStack } from '@flock/env';
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
import { connectRedis } from '@flock/redis';
import { machine } from './lib';

const redis: FeedRedis = await connectRedis({
  url: localStack.redisUrl,
  logger: createLogger({ service: 'bench' }),
});
const prefix = `benchfanout${Date.now().toString(36)}`;
const settings = { ...defaultTimelineSettings, prefix, fanoutThreshold: 1_000_000 };
const k = feedKeys(prefix);

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
const store = new BatchTimingStore(redis, k, new ScriptRunner(redis), settings);
const projection = new TimelineProjection(store, settings);

async function inBatches<T>(items: T[], size: number, write: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(write));
}

/** Redis's own time per call of a command so far (INFO commandstats): calls and µs. */
async function commandStats(command: string) {
  const line = (await redis.info('commandstats'))
    .split('\n')
    .find((l) => l.startsWith(`cmdstat_${command}:`));
  const calls = Number(/calls=(\d+)/.exec(line ?? '')?.[1] ?? 0);
  const usec = Number(/usec=(\d+)/.exec(line ?? '')?.[1] ?? 0);
  return { calls, usec };
}

/** µs Redis itself spent per call of `command` while `work` ran. */
async function serverMicrosPerCall(command: string, work: () => Promise<unknown>) {
  const before = await commandStats(command);
  await work();
  const after = await commandStats(command);
  return (after.usec - before.usec) / Math.max(after.calls - before.calls, 1);
}

async function run(followers: number) {
  const author = randomUUID();
  const ids = Array.from({ length: followers }, () => randomUUID());
  // Active followers: each has a home timeline.
  await inBatches(ids, 1000, (id) =>
    redis.zAdd(k.home(id), { score: Number.NEGATIVE_INFINITY, value: '~' }),
  );
  await inBatches(ids, 1000, (id) => redis.sAdd(k.followers(author), id));

  // The limit: pipelined ZADDs to the same number of keys, nothing else.
  let t = performance.now();
  const zaddMicros = await serverMicrosPerCall('zadd', () =>
    inBatches(ids, 1000, (id) => redis.zAdd(`${prefix}:raw:{u:${id}}`, { score: 1, value: 'x' })),
  );
  const rawSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  let outcome: FanoutOutcome | undefined;
  const deliveryMicros = await serverMicrosPerCall('evalsha', async () => {
    store.batches = [];
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
  const seconds = (performance.now() - t) / 1000;
  if (!outcome) throw new Error('no fan-out outcome');
  if (outcome.delivered !== followers) throw new Error(`delivered to ${outcome.delivered} homes`);
  const p99At = store.batches.find(
    (_, i, all) => all.slice(0, i + 1).reduce((n, b) => n + b.size, 0) >= 0.99 * followers,
  );
  return {
    followers,
    delivered: outcome.delivered,
    seconds,
    perSecond: Math.round(outcome.delivered / seconds),
    p99Ms: Math.round(p99At?.doneAtMs ?? seconds * 1000),
    rawPerSecond: Math.round(followers / rawSeconds),
    zaddMicros,
    deliveryMicros,
  };
}

async function kafkaHop(): Promise<number> {
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const kafka = createKafka({
    clientId: 'bench-fanout',
    brokers: [localStack.kafkaBroker],
    logger,
  });
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

const results = [await run(10_000), await run(100_000)];
const hop = await kafkaHop();
for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 5000 })) {
  for (const key of keys) await redis.unlink(key);
}
await redis.quit();

const rows = results.map(
  (r) =>
    `| ${r.followers.toLocaleString('en')} | ${r.seconds.toFixed(2)} s | ${r.perSecond.toLocaleString('en')} | ${r.p99Ms} ms | ${r.rawPerSecond.toLocaleString('en')} | ${r.deliveryMicros.toFixed(1)} µs / ${r.zaddMicros.toFixed(1)} µs |`,
);
const report = `\n## ${new Date().toISOString()}\n\n${machine()}; Redis ${localStack.redisUrl} on the same machine.\n
| followers | fan-out until the last home holds it | deliveries/s | 99% delivered by | raw pipelined ZADD/s (limit) | Redis's own time per delivery / per raw ZADD |
|---|---|---|---|---|---|
${rows.join('\n')}

Kafka hop (publish → consumed by a subscribed consumer): ${hop} ms. Post-to-timeline for the
99th percentile follower ≈ Kafka hop + "99% delivered by".
`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'feed-fanout.md'), report);
