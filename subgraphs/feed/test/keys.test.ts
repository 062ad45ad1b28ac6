import { randomUUID } from 'node:crypto';
import { createRedis, groupKeys, hashSlot } from '@flock/redis';
import { testLogger } from '@flock/testing';
import { describe, expect, it } from 'vitest';
import { feedKeys, HOME_BUCKETS } from '../src/domain/keys';

const keys = feedKeys('feed');
// Never connected: grouping needs only to know which kind of Redis it is.
const cluster = createRedis({
  url: 'redis://127.0.0.1:1',
  clusterNodes: ['redis://127.0.0.1:1'],
  logger: testLogger(),
});
const standalone = createRedis({ url: 'redis://127.0.0.1:1', logger: testLogger() });

describe('feed keys', () => {
  it("keeps every key of a user but the home in the user's hash slot", () => {
    const user = randomUUID();
    const slot = hashSlot(keys.posts(user));
    for (const key of [
      keys.timeline(user),
      keys.deleted(user),
      keys.followers(user),
      keys.following(user),
      keys.followersClock(user),
      keys.followingClock(user),
    ]) {
      expect(hashSlot(key)).toBe(slot);
    }
  });

  it('spreads homes over the buckets, so a fan-out groups many homes per call on a cluster', () => {
    const homes = Array.from({ length: 10_000 }, () => keys.home(randomUUID()));
    const buckets = new Set(homes.map((home) => /\{h:(\d+)\}/.exec(home)?.[1]));
    // 10,000 users over 1,024 buckets: nearly all used, none beyond.
    expect(buckets.size).toBeGreaterThan(HOME_BUCKETS * 0.95);
    expect(buckets.size).toBeLessThanOrEqual(HOME_BUCKETS);
    // About 10 homes per script call on a cluster (one per home with a tag per user), 100 on
    // a standalone Redis.
    expect(groupKeys(cluster, homes, 100).length).toBeLessThanOrEqual(HOME_BUCKETS);
    expect(groupKeys(standalone, homes, 100)).toHaveLength(100);
    // The same user's home is always in the same bucket.
    const user = randomUUID();
    expect(keys.home(user)).toBe(feedKeys('feed').home(user));
  });
});
