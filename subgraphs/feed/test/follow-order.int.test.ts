import { createEnvelope, type Envelope, userFollowed, userUnfollowed } from '@flock/events';
import { closeRedis, createRedis, deleteKeys } from '@flock/redis';
import { testLogger, testRedisTarget, uniqueId } from '@flock/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTimelineSettings } from '../src/domain/settings';
import type { FeedRedis } from '../src/domain/timeline-store';
import { createTimelines } from '../src/domain/timelines';
import { feedSubscriptions } from '../src/events/handlers';

// Follow changes as the worker applies them (the handlers, real Redis), in every order they
// may arrive in: follows and unfollows travel on two topics, so a pair's changes have no
// order in Kafka; their sequence (or, for older events, their time) decides.
const redis: FeedRedis = createRedis({
  ...testRedisTarget(),
  logger: testLogger(),
});
const timelines = createTimelines(redis, {
  ...defaultTimelineSettings,
  prefix: uniqueId('feedorder').replace('_', ''),
});
const { store, projection } = timelines;
const subscriptions = feedSubscriptions(projection);

beforeAll(() => redis.connect());
afterAll(async () => {
  await deleteKeys(redis, timelines.keys.pattern);
  await closeRedis(redis);
});

type Op = 'follow' | 'unfollow';

/** A follow change as network publishes it; `sequence` undefined: an event from before it. */
function change(
  op: Op,
  followerId: string,
  followeeId: string,
  at: string,
  sequence?: number,
): Envelope {
  const base = { followerId, followeeId, ...(sequence === undefined ? {} : { sequence }) };
  return op === 'follow'
    ? createEnvelope(userFollowed, { ...base, followedAt: at }, { source: 'test' })
    : createEnvelope(userUnfollowed, { ...base, unfollowedAt: at }, { source: 'test' });
}

/** Delivers events to the handler of their topic, one after the other. */
async function deliver(events: Envelope[]): Promise<void> {
  for (const event of events) {
    const subscription = subscriptions.find((s) => s.topic.name === event.type);
    if (!subscription) throw new Error(`no handler for ${event.type}`);
    await subscription.handler(event, { topic: event.type, partition: 0, offset: '0', attempt: 1 });
  }
}

/** What the feed holds of a pair: both sides of it, which must agree. */
async function follows(followerId: string, followeeId: string): Promise<boolean> {
  const following = (await store.following(followerId)).includes(followeeId);
  const isFollower = Boolean(
    await redis.sIsMember(timelines.keys.followers(followeeId), followerId),
  );
  expect(isFollower).toBe(following);
  return following;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const at = '2026-06-01T12:00:00.000Z';
const sequence = Date.parse(at);

describe('a pair’s follow changes, in any order of arrival', () => {
  it('end as the change with the highest sequence says, whatever the order', async () => {
    // follow, unfollow, follow, unfollow (one request's aliases carry one time, 1 ms apart
    // sequences), then the same ending in a follow.
    for (const ops of [
      ['follow', 'unfollow', 'follow', 'unfollow'],
      ['unfollow', 'follow', 'unfollow', 'follow'],
    ] as Op[][]) {
      for (const order of permutations([0, 1, 2, 3])) {
        const [followerId, followeeId] = [uuidv7(), uuidv7()];
        const events = ops.map((op, i) => change(op, followerId, followeeId, at, sequence + i));
        await deliver(order.map((i) => events[i] as Envelope));
        expect(await follows(followerId, followeeId), `${ops} delivered as ${order}`).toBe(
          ops.at(-1) === 'follow',
        );
      }
    }
  });

  it('change nothing when replayed: an equal clock is the same change', async () => {
    const [followerId, followeeId] = [uuidv7(), uuidv7()];
    const followed = change('follow', followerId, followeeId, at, sequence);
    const unfollowed = change('unfollow', followerId, followeeId, at, sequence + 1);
    const again = change('follow', followerId, followeeId, at, sequence + 2);
    await deliver([followed, unfollowed, followed, unfollowed]);
    expect(await follows(followerId, followeeId)).toBe(false);
    await deliver([again, followed, unfollowed, again]);
    expect(await follows(followerId, followeeId)).toBe(true);
  });

  it('leave no posts of an unfollowed author in the home', async () => {
    const [followerId, authorId] = [uuidv7(), uuidv7()];
    await projection.userRegistered(followerId);
    await projection.postCreated({
      postId: uuidv7(),
      authorId,
      replyToId: null,
      createdAt: at,
    });
    // The unfollow first, then its older follow: the backfill must not happen.
    await deliver([
      change('unfollow', followerId, authorId, at, sequence + 1),
      change('follow', followerId, authorId, at, sequence),
    ]);
    const home = await redis.zRange(timelines.keys.home(followerId), 0, -1);
    expect(home.filter((m) => m.endsWith(authorId))).toEqual([]);
  });

  it('order events from before `sequence` by their time, the unfollow winning a tie', async () => {
    for (const first of ['follow', 'unfollow'] as Op[]) {
      const [followerId, followeeId] = [uuidv7(), uuidv7()];
      const second: Op = first === 'follow' ? 'unfollow' : 'follow';
      // One request's follow and unfollow: the same time, no sequence.
      await deliver([
        change(first, followerId, followeeId, at),
        change(second, followerId, followeeId, at),
      ]);
      expect(await follows(followerId, followeeId), `${first} first`).toBe(false);
      // A sequenced change after them (its sequence at least its database time) wins.
      await deliver([change('follow', followerId, followeeId, at, sequence + 5)]);
      expect(await follows(followerId, followeeId)).toBe(true);
      await deliver([change('unfollow', followerId, followeeId, '2026-06-01T11:00:00.000Z')]);
      expect(await follows(followerId, followeeId)).toBe(true);
    }
  });
});
