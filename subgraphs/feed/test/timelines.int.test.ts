import { closeRedis, createRedis, deleteKeys } from '@flock/redis';
import { testLogger, testRedisTarget, uniqueId } from '@flock/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedKeys, SENTINEL } from '../src/domain/keys';
import type { Cursor, Entry } from '../src/domain/merge';
import { TimelineProjection } from '../src/domain/projection';
import { TimelineReader } from '../src/domain/reader';
import { ScriptRunner } from '../src/domain/script-runner';
import { defaultTimelineSettings, type TimelineSettings } from '../src/domain/settings';
import { type FeedRedis, TimelineStore } from '../src/domain/timeline-store';
import { createTimelines } from '../src/domain/timelines';

const redis: FeedRedis = createRedis({
  ...testRedisTarget(),
  logger: testLogger(),
});
const settings: TimelineSettings = {
  ...defaultTimelineSettings,
  prefix: uniqueId('feedtl').replace('_', ''),
  homeCap: 5,
  fanoutBatch: 3,
};
const keys = feedKeys(settings.prefix);

/** The store, recording the size of each fan-out batch it is given to write. */
class BatchRecordingStore extends TimelineStore {
  batches: number[] = [];

  override async addToActiveHomes(userIds: readonly string[], entry: Entry): Promise<number> {
    const written = await super.addToActiveHomes(userIds, entry);
    this.batches.push(userIds.length);
    return written;
  }
}
const store = new BatchRecordingStore(redis, keys, new ScriptRunner(redis), settings);
const projection = new TimelineProjection(store, settings);
const reader = new TimelineReader(store, settings);

beforeAll(() => redis.connect());
afterAll(async () => {
  await deleteKeys(redis, keys.pattern);
  await closeRedis(redis);
});

let clock = Date.parse('2026-01-01T00:00:00Z');
/** Event times that only move forward. */
function tick(ms: number): number {
  clock += ms;
  return clock;
}
const post = (authorId: string) => ({
  postId: uuidv7(),
  authorId,
  replyToId: null,
  createdAt: new Date(tick(1000)).toISOString(),
});

async function follow(followerId: string, followeeId: string, via = projection) {
  await via.followed({ followerId, followeeId, at: tick(1) });
}

describe('fan-out to home timelines (real Redis)', () => {
  it('reaches every active follower across batches, skips inactive ones, and caps homes', async () => {
    const author = uuidv7();
    const active = Array.from({ length: 10 }, () => uuidv7());
    const inactive = uuidv7();
    for (const id of [author, ...active]) await projection.userRegistered(id);
    for (const id of [...active, inactive]) await follow(id, author);
    // Following creates no home for a user who has none: they stay inactive.
    expect(await redis.exists(keys.home(inactive))).toBe(0);

    const posts = Array.from({ length: 8 }, () => post(author));
    for (const p of posts.slice(0, -1)) await projection.postCreated(p);
    store.batches = [];
    const last = await projection.postCreated(posts.at(-1) as (typeof posts)[number]);

    // 11 followers in batches of 3 (on a cluster one batch, grouped by slot): every batch
    // written, the inactive one's home not created.
    expect(last).toEqual({ followers: 11, delivered: 10 });
    expect(store.batches).toEqual(store.onCluster ? [11] : [3, 3, 3, 2]);
    expect(await redis.exists(keys.home(inactive))).toBe(0);

    const newest = posts
      .slice(-5)
      .reverse()
      .map((p) => `${p.postId}:${author}`);
    for (const id of [author, ...active]) {
      const home = await redis.zRange(keys.home(id), 0, -1, { REV: true });
      // Capped at 5 entries plus the sentinel that keeps an empty home alive.
      expect(home).toEqual([...newest, SENTINEL]);
    }
  });

  it('writes many homes per script call with the same rules: inactive skipped, caps kept, replays inert', async () => {
    const grouped = { ...settings, fanoutBatch: 50, fanoutGroup: 7 };
    const groupedStore = new BatchRecordingStore(redis, keys, new ScriptRunner(redis), grouped);
    const fanout = new TimelineProjection(groupedStore, grouped);
    const author = uuidv7();
    const followers = Array.from({ length: 120 }, () => uuidv7());
    const inactive = new Set(followers.filter((_, i) => i % 3 === 0));
    for (const id of [author, ...followers]) {
      if (!inactive.has(id)) await fanout.userRegistered(id);
    }
    for (const id of followers) await follow(id, author, fanout);
    // Every active home starts full (at the cap of 5), with older posts of someone else.
    const other = uuidv7();
    for (const id of followers) {
      if (inactive.has(id)) continue;
      for (let i = 1; i <= 5; i++) {
        await redis.zAdd(keys.home(id), { score: i, value: `${uuidv7()}:${other}` });
      }
    }
    const p = post(author);
    const outcome = await fanout.postCreated(p);
    expect(outcome).toEqual({ followers: 120, delivered: 80 });
    expect(groupedStore.batches).toEqual(groupedStore.onCluster ? [120] : [50, 50, 20]);
    // A replay (the event delivered again) changes nothing.
    expect(await fanout.postCreated(p)).toEqual({ followers: 120, delivered: 80 });
    const member = `${p.postId}:${author}`;
    for (const id of followers) {
      if (inactive.has(id)) {
        expect(await redis.exists(keys.home(id))).toBe(0);
        continue;
      }
      const home = await redis.zRange(keys.home(id), 0, -1, { REV: true });
      // The new post first, the 4 newest of the others, the sentinel: capped at 5.
      expect(home).toHaveLength(6);
      expect(home[0]).toBe(member);
      expect(home.at(-1)).toBe(SENTINEL);
    }
  });

  it('loads its script again when Redis has forgotten it', async () => {
    const author = uuidv7();
    const follower = uuidv7();
    for (const id of [author, follower]) await projection.userRegistered(id);
    await follow(follower, author);
    await redis.scriptFlush();
    const p = post(author);
    await projection.postCreated(p);
    expect(await redis.zScore(keys.home(follower), `${p.postId}:${author}`)).toBe(
      Date.parse(p.createdAt),
    );
  });

  it('fails the fan-out when a batch fails, so the event is retried', async () => {
    const author = uuidv7();
    // Enough followers for many SSCAN pages: batches fail while the scan goes on.
    const followers = Array.from({ length: 300 }, () => uuidv7());
    await projection.userRegistered(author);
    for (const id of followers) await follow(id, author);
    // Homes Redis refuses to write (a wrong type).
    for (const id of followers) await redis.set(keys.home(id), 'not a sorted set');
    await expect(projection.postCreated(post(author))).rejects.toThrow(/WRONGTYPE/);
    for (const id of followers) await redis.del(keys.home(id));
  });

  it('merges an author at read time exactly while they are above the threshold', async () => {
    const { projection: hybrid, reader: hybridReader } = createTimelines(redis, {
      ...settings,
      fanoutThreshold: 2,
    });
    const author = uuidv7();
    const fans = Array.from({ length: 3 }, () => uuidv7());
    for (const id of [author, ...fans]) await hybrid.userRegistered(id);
    const unfollow = (id: string) =>
      hybrid.unfollowed({ followerId: id, followeeId: author, at: tick(1) });
    for (const id of fans.slice(0, 2)) await follow(id, author, hybrid);
    expect(await redis.sIsMember(keys.celebrities, author)).toBe(0);

    await follow(fans[2] as string, author, hybrid);
    expect(await redis.sIsMember(keys.celebrities, author)).toBe(1);
    const p = post(author);
    expect(await hybrid.postCreated(p)).toMatchObject({ skipped: 'above-threshold' });
    const fan = fans[0] as string;
    // Not written to the follower's home, yet on their page.
    expect(await redis.zScore(keys.home(fan), `${p.postId}:${author}`)).toBeNull();
    const page = await hybridReader.homePage(fan, 5);
    expect(page.entries.map((e) => e.postId)).toContain(p.postId);

    await unfollow(fans[2] as string);
    expect(await redis.sIsMember(keys.celebrities, author)).toBe(0);
  });
});

describe('paging a home timeline (real Redis)', () => {
  it('serves every post once, in order, across a burst of posts in one millisecond', async () => {
    const { projection: hybrid, reader: hybridReader } = createTimelines(redis, {
      ...settings,
      homeCap: 100,
      fanoutThreshold: 2,
    });
    const [reader, prolific, celebrity] = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of [reader, prolific, celebrity]) await hybrid.userRegistered(id);
    await follow(reader, prolific, hybrid);
    // Three followers: above the threshold, so merged in at read time.
    for (const id of [reader, uuidv7(), uuidv7()]) await follow(id, celebrity, hybrid);
    const older = Array.from({ length: 10 }, () => post(celebrity));
    // More posts in one millisecond than a page reads beyond what it asks for.
    const burstAt = new Date(tick(1000)).toISOString();
    const burst = Array.from({ length: 30 }, () => ({ ...post(prolific), createdAt: burstAt }));
    for (const p of [...older, ...burst]) await hybrid.postCreated(p);

    const seen: string[] = [];
    let cursor: Cursor | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await hybridReader.homePage(reader, 5, cursor);
      seen.push(...page.entries.map((e) => e.postId));
      cursor = page.entries.at(-1);
      if (!page.hasNextPage) break;
    }
    const newestFirst = [
      ...burst
        .map((p) => p.postId)
        .sort()
        .reverse(),
      ...older.map((p) => p.postId).reverse(),
    ];
    expect(seen).toEqual(newestFirst);
  });
});

describe('deleted posts on read (real Redis)', () => {
  it('hides a post whose removal from homes is still in flight', async () => {
    const [author, quiet, follower] = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of [author, quiet, follower]) await projection.userRegistered(id);
    await follow(follower, author);
    await follow(follower, quiet);
    const kept = post(author);
    const gone = post(author);
    const other = post(quiet);
    for (const p of [kept, gone, other]) await projection.postCreated(p);
    const ids = async () =>
      (await reader.homePage(follower, 10)).entries.map((e) => e.postId).sort();
    expect(await ids()).toEqual([kept.postId, gone.postId, other.postId].sort());

    // What postDeleted writes before it removes the post from homes: the follower's home
    // still holds the entry, and the read must not show it.
    await redis.sAdd(keys.deleters, author);
    await redis.sAdd(keys.deleted(author), gone.postId);
    expect(await redis.zScore(keys.home(follower), `${gone.postId}:${author}`)).not.toBeNull();
    expect(await ids()).toEqual([kept.postId, other.postId].sort());

    // The whole deletion: registered as a deleter, gone from every home.
    const other2 = post(quiet);
    await projection.postCreated(other2);
    await projection.postDeleted({ postId: other2.postId, authorId: quiet });
    expect(await redis.sIsMember(keys.deleters, quiet)).toBe(1);
    expect(await redis.zScore(keys.home(follower), `${other2.postId}:${quiet}`)).toBeNull();
    expect(await ids()).toEqual([kept.postId, other.postId].sort());
  });
});
