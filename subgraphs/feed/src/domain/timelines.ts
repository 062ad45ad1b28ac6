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
    const args = [String(this.settings.homeCap), String(score), member];
    return this.fanOut(authorId, (batch) =>
      this.runForEach(
        addToActiveHome,
        batch.map((id) => this.keys.home(id)),
        args,
      ),
    );
  }

  async postDeleted({ postId, authorId }: { postId: string; authorId: string }): Promise<void> {
    const member = entryOf(postId, authorId);
    // Registered as a deleter first, so a read that sees the tombstone also looks for it.
    await this.redis.sAdd(this.keys.deleters, authorId);
    await this.redis.sAdd(this.keys.deleted(authorId), postId);
    await this.redis.zRem(this.keys.posts(authorId), member);
    await this.redis.zRem(this.keys.timeline(authorId), member);
    await this.redis.zRem(this.keys.home(authorId), member);
    // Followers of an author above the threshold may still hold copies from before.
    await this.fanOut(authorId, (batch) =>
      Promise.all(batch.map((id) => this.redis.zRem(this.keys.home(id), member))),
    );
  }

  async followed(change: FollowChange): Promise<void> {
    const { followerId, followeeId } = change;
    const changed = await this.changeFollow(change, 'add');
    const aboveThreshold = await this.updateCelebrity(followeeId);
    if (!changed || aboveThreshold) return;
    const { entries: recent } = await this.range(
      this.keys.posts(followeeId),
      this.settings.followBackfill,
    );
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
    await this.updateCelebrity(followeeId);
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
    const [alive, following] = await Promise.all([
      this.redis.expire(home, this.settings.homeTtlSeconds),
      this.redis.sMembers(this.keys.following(userId)),
    ]);
    if (!alive) await this.regenerateHome(userId);
    const celebrities = await this.celebritiesAmong(following);
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
    const celebrities = new Set(await this.celebritiesAmong(following));
    const fanned = [userId, ...following.filter((id) => !celebrities.has(id))];
    const lists = await Promise.all(
      fanned.map(
        async (id) => (await this.range(this.keys.posts(id), this.settings.homeCap)).entries,
      ),
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
   * entries, which is enough for the merged best `want`; only those are checked for
   * deletion, and the fetch grows until the page is full or the sources run dry.
   */
  private async page(sources: string[], first: number, cursor?: Cursor): Promise<TimelinePage> {
    for (let want = first + 5; ; want *= 4) {
      const ranges = await Promise.all(sources.map((key) => this.range(key, want, cursor)));
      const byMember = new Map<string, Entry>();
      for (const { entries } of ranges) for (const e of entries) byMember.set(e.member, e);
      const merged = [...byMember.values()].sort(newestFirst);
      const candidates = merged.slice(0, want);
      const live = await this.withoutDeleted(candidates);
      const exhausted = ranges.every((r) => r.exhausted) && candidates.length === merged.length;
      if (live.length > first || exhausted) {
        return { entries: live.slice(0, first), hasNextPage: live.length > first };
      }
    }
  }

  /**
   * A source's newest `count` entries after the cursor. Entries sharing the cursor's time are
   * read too and skipped here; `exhausted` says the source has nothing beyond what it gave.
   */
  private async range(
    key: string,
    count: number,
    cursor?: Cursor,
  ): Promise<{ entries: Entry[]; exhausted: boolean }> {
    // Scores are creation times (> 0): the sentinel (-inf) never shows.
    const limit = count + 10;
    const rows = await this.redis.zRangeWithScores(
      key,
      cursor ? String(cursor.score) : '+inf',
      '(0',
      {
        BY: 'SCORE',
        REV: true,
        LIMIT: { offset: 0, count: limit },
      },
    );
    const entries: Entry[] = [];
    for (const { value, score } of rows) {
      const entry = { ...parseEntry(value), member: value, score };
      if (isAfter(entry, cursor)) entries.push(entry);
      if (entries.length === count) break;
    }
    return { entries, exhausted: rows.length < limit && entries.length < count };
  }

  /**
   * Drops entries whose post was deleted: one SMISMEMBER for which of their authors ever
   * deleted a post, then one per such author against their tombstones.
   */
  private async withoutDeleted(entries: Entry[]): Promise<Entry[]> {
    const byAuthor = new Map<string, Entry[]>();
    for (const entry of entries) {
      const list = byAuthor.get(entry.authorId);
      if (list) list.push(entry);
      else byAuthor.set(entry.authorId, [entry]);
    }
    if (byAuthor.size === 0) return entries;
    const authors = [...byAuthor.keys()];
    const isDeleter = await this.redis.smIsMember(this.keys.deleters, authors);
    const deleters = authors.filter((_, i) => isDeleter[i]);
    const deleted = new Set<string>();
    await Promise.all(
      deleters.map(async (authorId) => {
        const list = byAuthor.get(authorId) ?? [];
        const flags = await this.redis.smIsMember(
          this.keys.deleted(authorId),
          list.map((e) => e.postId),
        );
        list.forEach((e, i) => {
          if (flags[i]) deleted.add(e.member);
        });
      }),
    );
    return deleted.size === 0 ? entries : entries.filter((e) => !deleted.has(e.member));
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
    write: (followers: string[]) => Promise<unknown>,
  ): Promise<FanoutReport> {
    const started = performance.now();
    const report: FanoutReport = { followers: 0, delivered: 0, batches: [] };
    const writeBatch = async (batch: string[]) => {
      await write(batch);
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

  /**
   * Keeps the registry of authors above the threshold in step with their follower count.
   * Follow events of one author can be applied by several workers at once (they are keyed by
   * follower), so each writer checks the count again after writing and corrects itself: the
   * last write is always checked against the final count.
   */
  private async updateCelebrity(authorId: string): Promise<boolean> {
    const isAbove = async () =>
      (await this.redis.sCard(this.keys.followers(authorId))) > this.settings.fanoutThreshold;
    for (let above = await isAbove(); ; ) {
      if (above) await this.redis.sAdd(this.keys.celebrities, authorId);
      else await this.redis.sRem(this.keys.celebrities, authorId);
      const now = await isAbove();
      if (now === above) return above;
      above = now;
    }
  }

  /** Which of these authors are above the threshold: one command, whatever their number. */
  private async celebritiesAmong(authorIds: string[]): Promise<string[]> {
    if (authorIds.length === 0) return [];
    const flags = await this.redis.smIsMember(this.keys.celebrities, authorIds);
    return authorIds.filter((_, i) => flags[i]);
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

  /**
   * Runs a one-key script on each key, pipelined: one command and one promise per key (the
   * fan-out's hot path). If Redis lost the script, it is loaded and the batch run again —
   * the scripts are idempotent.
   */
  private async runForEach(script: Script, keys: string[], args: string[]): Promise<unknown[]> {
    const send = () =>
      Promise.all(
        keys.map((key) => this.redis.sendCommand(['EVALSHA', script.sha, '1', key, ...args])),
      );
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      await this.redis.scriptLoad(script.source);
      return send();
    }
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
