import {
  accountDeleted,
  createEnvelope,
  type Envelope,
  postCreated,
  userFollowed,
  userRegistered,
} from '@flock/events';
import { closeRedis, createRedis, deleteKeys } from '@flock/redis';
import { testLogger, testRedisTarget, uniqueId } from '@flock/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTimelineSettings } from '../src/domain/settings';
import type { FeedRedis } from '../src/domain/timeline-store';
import { createTimelines } from '../src/domain/timelines';
import { feedSubscriptions } from '../src/events/handlers';

// identity.account-deleted.v1 as the feed worker applies it (the handlers, real Redis), and
// the events of the account around it in every order a replay may deliver them.
const redis: FeedRedis = createRedis({
  ...testRedisTarget(),
  logger: testLogger(),
});
const timelines = createTimelines(redis, {
  ...defaultTimelineSettings,
  prefix: uniqueId('feeddel').replace('_', ''),
});
const { keys, reader } = timelines;
const subscriptions = feedSubscriptions(timelines.projection);

beforeAll(() => redis.connect());
afterAll(async () => {
  await deleteKeys(redis, keys.pattern);
  await closeRedis(redis);
});

let clock = Date.parse('2026-06-01T12:00:00.000Z');
const next = () => new Date(++clock).toISOString();

const registered = (userId: string) =>
  createEnvelope(
    userRegistered,
    {
      userId,
      username: 'someone',
      displayName: null,
      email: 'someone@example.com',
      registeredAt: next(),
      emailVerification: { encryptedToken: 'sealed', expiresAt: next() },
    },
    { source: 'test' },
  );
const followed = (followerId: string, followeeId: string) => {
  const followedAt = next();
  return createEnvelope(
    userFollowed,
    { followerId, followeeId, followedAt, sequence: Date.parse(followedAt) },
    { source: 'test' },
  );
};
const created = (authorId: string, replyToId: string | null = null) =>
  createEnvelope(
    postCreated,
    { postId: uuidv7(), authorId, replyToId, createdAt: next() },
    { source: 'test' },
  );
const deleted = (userId: string) =>
  createEnvelope(
    accountDeleted,
    { userId, username: 'someone', displayName: null, email: 'a@example.com', deletedAt: next() },
    { source: 'test' },
  );

async function deliver(events: Envelope[]): Promise<void> {
  for (const event of events) {
    const subscription = subscriptions.find((s) => s.topic.name === event.type);
    if (!subscription) throw new Error(`no handler for ${event.type}`);
    await subscription.handler(event, { topic: event.type, partition: 0, offset: '0', attempt: 1 });
  }
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const homeIds = async (userId: string) =>
  (await reader.homePage(userId, 100)).entries.map((e) => e.postId);

/** Everything the feed could still hold of `gone`, as seen from `fan` and `idol`. */
async function tracesOf(gone: string, fan: string, idol: string) {
  return {
    inFanHome: (await homeIds(fan)).length,
    fanFollows: await redis.sIsMember(keys.following(fan), gone),
    idolFollowedBy: await redis.sIsMember(keys.followers(idol), gone),
    ownKeys: await redis.exists([
      keys.posts(gone),
      keys.timeline(gone),
      keys.followers(gone),
      keys.following(gone),
      keys.home(gone),
    ]),
    ownHome: (await reader.homePage(gone, 100)).entries.length,
  };
}
const nothing = { inFanHome: 0, fanFollows: 0, idolFollowedBy: 0, ownKeys: 0, ownHome: 0 };

describe('a deleted account in the feed', () => {
  it('leaves every home, follower and following set, and its own keys go', async () => {
    const [gone, fan, idol] = [uuidv7(), uuidv7(), uuidv7()];
    const idolPost = created(idol);
    const gonePosts = [created(gone), created(gone)];
    await deliver([registered(gone), registered(fan), registered(idol)]);
    await deliver([followed(fan, gone), followed(gone, idol), followed(fan, idol)]);
    await deliver([idolPost, ...gonePosts, created(gone, idolPost.payload.postId)]);
    expect(await homeIds(fan)).toHaveLength(3);

    await deliver([deleted(gone)]);
    expect(await homeIds(fan)).toEqual([idolPost.payload.postId]);
    expect(await redis.sIsMember(keys.following(fan), gone)).toBe(0);
    expect(await redis.sIsMember(keys.followers(idol), gone)).toBe(0);
    expect(await redis.sCard(keys.followers(idol))).toBe(1);
    expect(await reader.profilePage(gone, 100)).toMatchObject({ entries: [] });
    expect((await tracesOf(gone, fan, idol)).ownKeys).toBe(0);
    // Replayed (redelivery, a redrive): the same.
    await deliver([deleted(gone)]);
    expect(await homeIds(fan)).toEqual([idolPost.payload.postId]);
  });

  it('resurrects nothing whatever order a replay delivers the account’s events in', async () => {
    for (const order of permutations(['registered', 'follows', 'posts', 'deleted'] as const)) {
      const [gone, fan, idol] = [uuidv7(), uuidv7(), uuidv7()];
      await deliver([registered(fan), registered(idol)]);
      const events = {
        registered: [registered(gone)],
        follows: [followed(fan, gone), followed(gone, idol)],
        posts: [created(gone), created(gone)],
        deleted: [deleted(gone)],
      };
      for (const step of order) await deliver(events[step]);
      expect({ order, ...(await tracesOf(gone, fan, idol)) }).toEqual({ order, ...nothing });
    }
  });

  it('resurrects nothing when follows are applied at the same time as the deletion', async () => {
    for (let i = 0; i < 10; i++) {
      const [gone, fan, idol] = [uuidv7(), uuidv7(), uuidv7()];
      await deliver([registered(fan), registered(idol), created(gone)]);
      await Promise.all([
        deliver([followed(fan, gone)]),
        deliver([deleted(gone)]),
        deliver([followed(gone, idol)]),
      ]);
      expect(await tracesOf(gone, fan, idol)).toEqual(nothing);
    }
  });
});
