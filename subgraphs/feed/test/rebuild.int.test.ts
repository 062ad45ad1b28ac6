import { resolveLocalStack } from '@flock/env';
import {
  createKafka,
  EventPublisher,
  postCreated,
  postDeleted,
  type RunningConsumer,
  startConsumer,
  type TopicContract,
  userFollowed,
  userRegistered,
  userUnfollowed,
} from '@flock/events';
import { closeRedis, createRedis, deleteKeys } from '@flock/redis';
import { pollFor, testLogger, testRedisTarget, uniqueId } from '@flock/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTimelineSettings } from '../src/domain/settings';
import type { FeedRedis } from '../src/domain/timeline-store';
import { createTimelines } from '../src/domain/timelines';
import { feedSubscriptions } from '../src/events/handlers';
import { rebuildFeed } from '../src/events/rebuild-feed';

const stack = resolveLocalStack(process.env);
const logger = testLogger();
const kafka = createKafka({ clientId: 'feed-rebuild-test', brokers: [stack.kafkaBroker], logger });
const redis: FeedRedis = createRedis({ ...testRedisTarget(), logger });
// A key prefix of its own: this test flushes and rebuilds only its own projection.
const timelines = createTimelines(redis, {
  ...defaultTimelineSettings,
  prefix: uniqueId('feedrebuild').replace('_', ''),
  fanoutThreshold: 40,
});
let worker: RunningConsumer | undefined;

beforeAll(() => redis.connect());
afterAll(async () => {
  await worker?.stop();
  await deleteKeys(redis, timelines.keys.pattern);
  await closeRedis(redis);
});

/** A seeded world: 1,000 users, follows (some undone), posts and replies, some deleted. */
async function seed(publisher: EventPublisher) {
  let seedValue = 42;
  const random = () => {
    seedValue = (seedValue * 1_103_515_245 + 12_345) % 2 ** 31;
    return seedValue / 2 ** 31;
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const users = Array.from({ length: 1000 }, () => uuidv7());
  const base = Date.parse('2026-01-01T00:00:00Z');
  let clock = 0;
  const at = () => new Date(base + ++clock * 1000).toISOString();

  const registered = users.map((userId, i) => ({
    userId,
    username: `seed_${i}`,
    displayName: null,
    email: `seed_${i}@seed.invalid`,
    registeredAt: at(),
    emailVerification: { encryptedToken: 'none', expiresAt: at() },
  }));
  const celebrity = users[0] as string; // followed by everyone: above the threshold
  const follows: { followerId: string; followeeId: string; followedAt: string }[] = [];
  for (const followerId of users) {
    const followees = new Set<string>([celebrity]);
    while (followees.size < 6) followees.add(pick(users));
    followees.delete(followerId);
    for (const followeeId of followees) follows.push({ followerId, followeeId, followedAt: at() });
  }
  const unfollows = follows
    .filter(() => random() < 0.05)
    .map((f) => ({ ...f, unfollowedAt: at() }));
  const posts: { postId: string; authorId: string; replyToId: string | null; createdAt: string }[] =
    [];
  for (let i = 0; i < 2000; i++) {
    const replyTo = posts.length > 0 && random() < 0.2 ? pick(posts).postId : null;
    posts.push({
      postId: uuidv7(),
      authorId: i % 10 === 0 ? celebrity : pick(users),
      replyToId: replyTo,
      createdAt: at(),
    });
  }
  const deletions = posts
    .filter(() => random() < 0.05)
    .map((p) => ({ postId: p.postId, authorId: p.authorId, deletedAt: at() }));

  const eventIds = [
    ...(await publishAll(publisher, userRegistered, registered)),
    ...(await publishAll(publisher, userFollowed, follows)),
    ...(await publishAll(publisher, postCreated, posts)),
    ...(await publishAll(publisher, userUnfollowed, unfollows)),
    ...(await publishAll(publisher, postDeleted, deletions)),
  ];
  return { users, eventIds };
}

async function publishAll<P>(publisher: EventPublisher, topic: TopicContract<P>, payloads: P[]) {
  const ids: string[] = [];
  for (let i = 0; i < payloads.length; i += 500) {
    const sent = await Promise.all(
      payloads.slice(i, i + 500).map((p) => publisher.publish(topic, p)),
    );
    ids.push(...sent.map((e) => e.id));
  }
  return ids;
}

/**
 * Every user's timelines as served (home with the hybrid merge, profile), and follow sets.
 * Which followers of an author near the threshold got stored copies depends on the order
 * events were applied; what a reader is served does not.
 */
async function snapshot(users: string[]) {
  const k = timelines.keys;
  const entries = (page: { entries: { member: string; score: number }[] }) =>
    page.entries.map((e) => `${e.score}:${e.member}`);
  return Promise.all(
    users.map(async (u) => ({
      home: entries(await timelines.reader.homePage(u, 100)),
      profile: entries(await timelines.reader.profilePage(u, 100)),
      followers: (await redis.sMembers(k.followers(u))).sort(),
      following: (await redis.sMembers(k.following(u))).sort(),
    })),
  );
}

describe('rebuilding the feed by replay', () => {
  it('reproduces identical timelines for a seeded graph of 1,000 users', async () => {
    const publisher = await EventPublisher.connect(kafka, 'feed-rebuild-test');
    const { users, eventIds } = await seed(publisher);
    await publisher.disconnect();

    // The live projection: a worker that consumes everything published so far.
    const handled = new Set<string>();
    worker = await startConsumer({
      kafka,
      groupId: uniqueId('feed-live'),
      logger,
      fromBeginning: true,
      subscriptions: feedSubscriptions(timelines.projection).map((s) => ({
        topic: s.topic,
        handler: async (event, context) => {
          await s.handler(event, context);
          handled.add(event.id);
        },
      })),
    });
    await pollFor(() => eventIds.every((id) => handled.has(id)), {
      timeoutMs: 300_000,
      intervalMs: 500,
      description: 'the worker to apply every seeded event',
    });
    await worker.stop();
    worker = undefined;
    const live = await snapshot(users);
    expect(live.filter((s) => s.home.length > 0).length).toBeGreaterThan(900);
    expect(live[0]?.followers.length).toBeGreaterThan(900);

    const report = await rebuildFeed({ redis, timelines, brokers: [stack.kafkaBroker], logger });
    expect(report.deletedKeys).toBeGreaterThan(3000);
    const rebuilt = await snapshot(users);
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(live));
  }, 600_000);
});
