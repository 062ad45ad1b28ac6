import type { Redis } from '@flock/redis';
import { entryOf, type FeedKeys, feedKeys, parseEntry, SENTINEL } from './keys';
import { addToActiveHome, applyFollowChange, type Script } from './scripts';

export type FeedRedis = Redis;

export interface TimelineSettings {
  /** Key namespace (tests and benchmarks use their own). */
  prefix: string;
  /** Home timelines keep this many entries (Mastodon: 800). */
  homeCap: number;
  /** Each author's recent posts kept for merging and profiles. */
  recentCap: number;
  /** Authors with more followers are not fanned out: merged at read time instead. */
  fanoutThreshold: number;
  /** How many of the followee's recent posts a follow merges in. */
  followBackfill: number;
  /** A home timeline unread this long expires; the next read regenerates it. */
  homeTtlSeconds: number;
  /** Followers written per pipelined batch during fan-out. */
  fanoutBatch: number;
}

export const defaultTimelineSettings: TimelineSettings = {
  prefix: 'feed',
  homeCap: 800,
  recentCap: 800,
  fanoutThreshold: 10_000,
  followBackfill: 100,
  homeTtlSeconds: 30 * 86_400,
  fanoutBatch: 1_000,
};

export interface Entry {
  postId: string;
  authorId: string;
  member: string;
  score: number;
}

/** A follow or unfollow, with the time it happened (for last-writer-wins). */
export interface FollowChange {
  followerId: string;
  followeeId: string;
  at: number;
}

export interface Cursor {
  score: number;
  member: string;
}

export interface TimelinePage {
  entries: Entry[];
  hasNextPage: boolean;
}

export interface FanoutReport {
  followers: number;
  delivered: number;
  /** ms since the fan-out started at which each batch was written. */
  batches: { size: number; doneAtMs: number }[];
  skipped?: 'deleted' | 'reply' | 'above-threshold';
}

/** Newest first; equal times fall back to the member, as a reversed sorted set orders them. */
const newestFirst = (a: Entry, b: Entry) =>
  b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0);

function isAfter(entry: Entry, cursor: Cursor | undefined): boolean {
  if (!cursor) return true;
  return (
    entry.score < cursor.score || (entry.score === cursor.score && entry.member < cursor.member)
  );
}

/**
 * The feed's read model in Redis: the projection of post and follow events, and the reads of
 * home and profile timelines. Every method is idempotent, so replaying events is safe.
 */
export class Timelines {
  readonly keys: FeedKeys;

  constructor(
    private readonly redis: FeedRedis,
    readonly settings: TimelineSettings = defaultTimelineSettings,
  ) {
    this.keys = feedKeys(settings.prefix);
  }

  // ---- projection (the worker) ----

  /**
   * A new user starts active. During a replay their posts or follows may have been applied
   * first, so the home timeline is built from what is already known, not left empty.
   */
  async userRegistered(userId: string): Promise<void> {
    if (!(await this.redis.exists(this.keys.home(userId)))) await this.regenerateHome(userId);
  }

  async postCreated(post: {
    postId: string;
    authorId: string;
    replyToId: string | null;
    createdAt: string;
  }): Promise<FanoutReport> {
    const { postId, authorId } = post;
    const empty: FanoutReport = { followers: 0, delivered: 0, batches: [] };
    if (await this.redis.sIsMember(this.keys.deleted(authorId), postId))
      return { ...empty, skipped: 'deleted' };
    const member = entryOf(postId, authorId);
    const score = Date.parse(post.createdAt);
    await this.addCapped(this.keys.timeline(authorId), score, member);
    if (post.replyToId) return { ...empty, skipped: 'reply' };
    await this.addCapped(this.keys.posts(authorId), score, member);
    await this.addToHome(authorId, [[score, member]]);

    const followers = await this.redis.sCard(this.keys.followers(authorId));
    if (followers > this.settings.fanoutThreshold)
      return { ...empty, followers, skipped: 'above-threshold' };
    return this.fanOut(authorId, async (followerId) =>
      this.addToHome(followerId, [[score, member]]),
    );
  }

  async postDeleted({ postId, authorId }: { postId: string; authorId: string }): Promise<void> {
    const member = entryOf(postId, authorId);
    await this.redis.sAdd(this.keys.deleted(authorId), postId);
    await this.redis.zRem(this.keys.posts(authorId), member);
    await this.redis.zRem(this.keys.timeline(authorId), member);
    await this.redis.zRem(this.keys.home(authorId), member);
    // Followers of an author above the threshold may still hold copies from before.
    await this.fanOut(authorId, (followerId) =>
      this.redis.zRem(this.keys.home(followerId), member),
    );
  }

  async followed(change: FollowChange): Promise<void> {
    const { followerId, followeeId } = change;
    const changed = await this.changeFollow(change, 'add');
    if (!changed || (await this.isAboveThreshold(followeeId))) return;
    const recent = await this.range(this.keys.posts(followeeId), this.settings.followBackfill);
    const live = await this.withoutDeleted(recent);
    if (live.length > 0)
      await this.addToHome(
        followerId,
        live.map((e) => [e.score, e.member]),
      );
  }

  async unfollowed(change: FollowChange): Promise<void> {
    const { followerId, followeeId } = change;
    const changed = await this.changeFollow(change, 'remove');
    if (!changed) return;
    const home = this.keys.home(followerId);
    const members = await this.redis.zRange(home, 0, -1);
    const theirs = members.filter((m) => m !== SENTINEL && parseEntry(m).authorId === followeeId);
    if (theirs.length > 0) await this.redis.zRem(home, theirs);
  }

  // ---- reads (the subgraph) ----

  /** The viewer's home page: their timeline merged with the authors above the threshold. */
  async homePage(userId: string, first: number, cursor?: Cursor): Promise<TimelinePage> {
    const home = this.keys.home(userId);
    // Reading keeps the timeline alive; a missing one (expired) is regenerated, TTL included.
    const alive = await this.redis.expire(home, this.settings.homeTtlSeconds);
    if (!alive) await this.regenerateHome(userId);
    const celebrities = await this.followeesAboveThreshold(userId);
    return this.page([home, ...celebrities.map((id) => this.keys.posts(id))], first, cursor);
  }

  /** An author's profile timeline (posts and replies). */
  profilePage(authorId: string, first: number, cursor?: Cursor): Promise<TimelinePage> {
    return this.page([this.keys.timeline(authorId)], first, cursor);
  }

  /**
   * Rebuilds an expired home timeline from the recent posts of everyone followed (and the
   * user's own); authors above the threshold are merged at read time, as usual.
   */
  async regenerateHome(userId: string): Promise<void> {
    const following = await this.redis.sMembers(this.keys.following(userId));
    const sources = [userId, ...following];
    const counts = await Promise.all(
      sources.map((id) => this.redis.sCard(this.keys.followers(id))),
    );
    const fanned = sources.filter(
      (id, i) => id === userId || (counts[i] ?? 0) <= this.settings.fanoutThreshold,
    );
    const lists = await Promise.all(
      fanned.map((id) => this.range(this.keys.posts(id), this.settings.homeCap)),
    );
    const entries = (await this.withoutDeleted(lists.flat()))
      .sort(newestFirst)
      .slice(0, this.settings.homeCap);
    const home = this.keys.home(userId);
    await this.redis
      .multi()
      .del(home)
      .zAdd(home, [
        { score: Number.NEGATIVE_INFINITY, value: SENTINEL },
        ...entries.map((e) => ({ score: e.score, value: e.member })),
      ])
      .expire(home, this.settings.homeTtlSeconds)
      .exec();
  }

  // ---- internals ----

  /**
   * Merges the sources newest first after the cursor. Each source gives its own best `want`
   * entries, which is enough for the merged best `first`; deleted posts are filtered out and
   * the fetch grows until the page is full or the sources run dry.
   */
  private async page(sources: string[], first: number, cursor?: Cursor): Promise<TimelinePage> {
    for (let want = first + 20; ; want *= 4) {
      const lists = await Promise.all(sources.map((key) => this.range(key, want, cursor)));
      const exhausted = lists.every((list) => list.length < want);
      const unique = new Map(lists.flat().map((e) => [e.member, e]));
      const live = (await this.withoutDeleted([...unique.values()])).sort(newestFirst);
      if (live.length > first || exhausted) {
        return { entries: live.slice(0, first), hasNextPage: live.length > first };
      }
    }
  }

  private async range(key: string, count: number, cursor?: Cursor): Promise<Entry[]> {
    // Scores are creation times (> 0): the sentinel (-inf) never shows.
    const max = cursor ? String(cursor.score) : '+inf';
    const rows = await this.redis.zRangeWithScores(key, max, '(0', {
      BY: 'SCORE',
      REV: true,
      LIMIT: { offset: 0, count: count + 50 },
    });
    return rows
      .map(({ value, score }) => ({ ...parseEntry(value), member: value, score }))
      .filter((e) => isAfter(e, cursor))
      .slice(0, count);
  }

  /** Drops entries whose post was deleted: one SMISMEMBER per author. */
  private async withoutDeleted(entries: Entry[]): Promise<Entry[]> {
    const byAuthor = new Map<string, Entry[]>();
    for (const entry of entries)
      byAuthor.set(entry.authorId, [...(byAuthor.get(entry.authorId) ?? []), entry]);
    const kept = await Promise.all(
      [...byAuthor].map(async ([authorId, list]) => {
        const flags = await this.redis.smIsMember(
          this.keys.deleted(authorId),
          list.map((e) => e.postId),
        );
        return list.filter((_, i) => !flags[i]);
      }),
    );
    return kept.flat();
  }

  private async addCapped(key: string, score: number, member: string): Promise<void> {
    await this.redis.zAdd(key, { score, value: member });
    await this.redis.zRemRangeByRank(key, 0, -(this.settings.recentCap + 1));
  }

  private addToHome(userId: string, entries: [number, string][]): Promise<unknown> {
    return this.run(
      addToActiveHome,
      [this.keys.home(userId)],
      [
        String(this.settings.homeCap),
        ...entries.flatMap(([score, member]) => [String(score), member]),
      ],
    );
  }

  /**
   * Applies `write` to every follower in pipelined batches (the commands of a batch go out
   * together); the next page of followers is scanned while the previous batch is written.
   */
  private async fanOut(
    authorId: string,
    write: (followerId: string) => Promise<unknown>,
  ): Promise<FanoutReport> {
    const started = performance.now();
    const report: FanoutReport = { followers: 0, delivered: 0, batches: [] };
    const writeBatch = async (batch: string[]) => {
      await Promise.all(batch.map(write));
      report.delivered += batch.length;
      report.batches.push({ size: batch.length, doneAtMs: performance.now() - started });
    };
    let batch: string[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      const full = batch;
      batch = [];
      await inFlight;
      inFlight = writeBatch(full);
    };
    for await (const members of this.redis.sScanIterator(this.keys.followers(authorId), {
      COUNT: this.settings.fanoutBatch,
    })) {
      for (const followerId of members) {
        report.followers++;
        batch.push(followerId);
        if (batch.length >= this.settings.fanoutBatch) await flush();
      }
    }
    if (batch.length > 0) await flush();
    await inFlight;
    return report;
  }

  private async isAboveThreshold(userId: string): Promise<boolean> {
    return (await this.redis.sCard(this.keys.followers(userId))) > this.settings.fanoutThreshold;
  }

  private async followeesAboveThreshold(userId: string): Promise<string[]> {
    const following = await this.redis.sMembers(this.keys.following(userId));
    const counts = await Promise.all(
      following.map((id) => this.redis.sCard(this.keys.followers(id))),
    );
    return following.filter((_, i) => (counts[i] ?? 0) > this.settings.fanoutThreshold);
  }

  /** Both sides of a follow change; true when the follower's following set changed. */
  private async changeFollow({ followerId, followeeId, at }: FollowChange, op: 'add' | 'remove') {
    await this.followChange(
      this.keys.followers(followeeId),
      this.keys.followersClock(followeeId),
      followerId,
      at,
      op,
    );
    return this.followChange(
      this.keys.following(followerId),
      this.keys.followingClock(followerId),
      followeeId,
      at,
      op,
    );
  }

  private async followChange(
    set: string,
    clock: string,
    other: string,
    at: number,
    op: 'add' | 'remove',
  ) {
    return Number(await this.run(applyFollowChange, [set, clock], [other, String(at), op])) === 1;
  }

  /** Runs a script by SHA (sendCommand: half the client CPU of evalSha on the fan-out path). */
  private async run(script: Script, keys: string[], args: string[]): Promise<unknown> {
    const command = (name: string, body: string) => [
      name,
      body,
      String(keys.length),
      ...keys,
      ...args,
    ];
    try {
      return await this.redis.sendCommand(command('EVALSHA', script.sha));
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return this.redis.sendCommand(command('EVAL', script.source));
    }
  }
}
