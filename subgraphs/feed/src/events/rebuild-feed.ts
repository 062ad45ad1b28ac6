import { createKafka, type Subscription, startConsumer } from '@flock/events';
import type { Logger } from '@flock/logger';
import { deleteKeys } from '@flock/redis';
import type { FeedRedis } from '../domain/timeline-store';
import type { Timelines } from '../domain/timelines';
import { feedSubscriptions } from './handlers';

export interface RebuildOptions {
  redis: FeedRedis;
  timelines: Timelines;
  brokers: string[];
  logger: Logger;
  /** Each rebuild reads with a group of its own, from the beginning of every topic. */
  groupId?: string;
}

export interface RebuildReport {
  deletedKeys: number;
  events: number;
  seconds: number;
}

/**
 * Empties the feed's keys and replays every topic from the beginning into them, until the
 * replay reaches the end each partition had when it started. Safe beside a running worker:
 * every projection step is idempotent and follow changes are last-writer-wins.
 */
export async function rebuildFeed({
  redis,
  timelines,
  brokers,
  logger,
  groupId,
}: RebuildOptions): Promise<RebuildReport> {
  const started = performance.now();
  const deletedKeys = await deleteKeys(redis, timelines.keys.pattern);
  logger.info({ deletedKeys }, 'feed keys flushed');

  const kafka = createKafka({ clientId: 'feed-rebuild', brokers, logger });
  const admin = kafka.admin();
  await admin.connect();
  const topics = feedSubscriptions(timelines.projection).map((s) => s.topic.name);
  const targets = new Map<string, bigint>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(p.high) > BigInt(p.low)) targets.set(`${topic}/${p.partition}`, BigInt(p.high));
    }
  }

  const done = new Map<string, bigint>();
  let events = 0;
  const tracked: Subscription[] = feedSubscriptions(timelines.projection).map((s) => ({
    topic: s.topic,
    handler: async (event, context) => {
      await s.handler(event, context);
      events++;
      done.set(`${context.topic}/${context.partition}`, BigInt(context.offset) + 1n);
    },
  }));
  const group = groupId ?? `feed-rebuild-${Date.now()}`;
  const consumer = await startConsumer({
    kafka,
    groupId: group,
    logger,
    subscriptions: tracked,
    fromBeginning: true,
  });
  try {
    const caughtUp = () => [...targets].every(([key, high]) => (done.get(key) ?? 0n) >= high);
    while (!caughtUp()) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await consumer.stop();
    await admin.deleteGroups([group]).catch(() => {});
    await admin.disconnect();
  }
  return { deletedKeys, events, seconds: (performance.now() - started) / 1000 };
}
