import { isCluster, type Redis, setMemberPages, transaction } from '@flock/redis';
import { type FeedKeys, parseEntry, SENTINEL } from './keys';
import { type Cursor, type Entry, groupByAuthor, rangeAfter, type SourceRange } from './merge';
import type { ScriptRunner } from './script-runner';
import { addToActiveHome, addToActiveHomes, applyFollowChange } from './scripts';
import { CURSOR_TIE_ROWS, type TimelineSettings } from './settings';

/** Among an author's tombstones: their account was deleted, every post of theirs with it. */
const ALL_POSTS = '*';

export type FeedRedis = Redis;

type FollowOp = 'add' | 'remove';

/**
 * The feed's Redis operations. Each command touches the keys of one user (one hash tag) or
 * one of the two shared registries, so the same code runs on Redis Cluster.
 */
export class TimelineStore {
  constructor(
    private readonly redis: FeedRedis,
    readonly keys: FeedKeys,
    private readonly scripts: ScriptRunner,
    private readonly settings: TimelineSettings,
  ) {}

  /** Whether Redis is a cluster (a command's keys must then share a hash slot). */
  get onCluster(): boolean {
    return isCluster(this.redis);
  }

  // ---- posts of an author ----

  /** Adds a post to a capped list of the author's (recent posts, or profile timeline). */
  async addCapped(key: string, score: number, member: string): Promise<void> {
    await this.redis.zAdd(key, { score, value: member });
    await this.redis.zRemRangeByRank(key, 0, -(this.settings.recentCap + 1));
  }

  /** Removes a post from the author's own lists: recent posts, profile, home. */
  async removeFromAuthor(authorId: string, member: string): Promise<void> {
    await this.redis.zRem(this.keys.posts(authorId), member);
    await this.redis.zRem(this.keys.timeline(authorId), member);
    await this.redis.zRem(this.keys.home(authorId), member);
  }

  /** Whether the post was deleted, or its author's whole account. */
  async isDeleted(authorId: string, postId: string): Promise<boolean> {
    const flags = await this.redis.smIsMember(this.keys.deleted(authorId), [postId, ALL_POSTS]);
    return flags.some(Boolean);
  }

  /**
   * Records a deleted account: every post of theirs counts as deleted (ALL_POSTS among their
   * tombstones, so reads drop them with the tombstone check they make anyway) and no follow or
   * registration of theirs applies any more.
   */
  async markAccountDeleted(userId: string): Promise<void> {
    await this.redis.sAdd(this.keys.deleters, userId);
    await this.redis.sAdd(this.keys.deleted(userId), ALL_POSTS);
  }

  async isAccountDeleted(userId: string): Promise<boolean> {
    return Boolean(await this.redis.sIsMember(this.keys.deleted(userId), ALL_POSTS));
  }

  /**
   * Drops a deleted account's keys, all but its tombstones: one command for those of its hash
   * tag, one for its home (in its bucket's).
   */
  async dropAccountKeys(userId: string): Promise<void> {
    const k = this.keys;
    await this.redis.unlink([
      k.posts(userId),
      k.timeline(userId),
      k.followers(userId),
      k.following(userId),
      k.followersClock(userId),
      k.followingClock(userId),
    ]);
    await this.redis.unlink(k.home(userId));
  }

  /**
   * Records a deletion: the author joins the deleters first, so a read that sees the
   * tombstone also looks for it.
   */
  async markDeleted(authorId: string, postId: string): Promise<void> {
    await this.redis.sAdd(this.keys.deleters, authorId);
    await this.redis.sAdd(this.keys.deleted(authorId), postId);
  }

  /**
   * Drops entries whose post was deleted: one SMISMEMBER for which of their authors ever
   * deleted a post, then one per such author against their tombstones.
   */
  async withoutDeleted(entries: Entry[]): Promise<Entry[]> {
    const byAuthor = groupByAuthor(entries);
    if (byAuthor.size === 0) return entries;
    const authors = [...byAuthor.keys()];
    const isDeleter = await this.redis.smIsMember(this.keys.deleters, authors);
    const deleters = authors.filter((_, i) => isDeleter[i]);
    const deleted = new Set<string>();
    await Promise.all(
      deleters.map(async (authorId) => {
        const list = byAuthor.get(authorId) ?? [];
        const flags = await this.redis.smIsMember(this.keys.deleted(authorId), [
          ...list.map((e) => e.postId),
          ALL_POSTS,
        ]);
        const accountDeleted = flags[list.length];
        list.forEach((e, i) => {
          if (flags[i] || accountDeleted) deleted.add(e.member);
        });
      }),
    );
    return deleted.size === 0 ? entries : entries.filter((e) => !deleted.has(e.member));
  }

  /**
   * A source's newest `count` entries after the cursor (scores are creation times, > 0, so
   * the sentinel at -inf never shows).
   */
  async range(key: string, count: number, cursor?: Cursor): Promise<SourceRange> {
    const rowLimit = count + CURSOR_TIE_ROWS;
    const rows = await this.redis.zRangeWithScores(
      key,
      cursor ? String(cursor.score) : '+inf',
      '(0',
      { BY: 'SCORE', REV: true, LIMIT: { offset: 0, count: rowLimit } },
    );
    return rangeAfter(rows, cursor, count, rowLimit);
  }

  // ---- home timelines ----

  async hasHome(userId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.home(userId))) > 0;
  }

  /** Keeps a home timeline alive for another TTL; false when it had expired (or never was). */
  async touchHome(userId: string): Promise<boolean> {
    return Boolean(await this.redis.expire(this.keys.home(userId), this.settings.homeTtlSeconds));
  }

  /** Adds entries to one user's home if it is active, capped. */
  async addToActiveHome(userId: string, entries: readonly Entry[]): Promise<void> {
    await this.scripts.run(
      addToActiveHome,
      [this.keys.home(userId)],
      [String(this.settings.homeCap), ...entries.flatMap((e) => [String(e.score), e.member])],
    );
  }

  /**
   * Adds one entry to the home of each of these users that is active, capped: one batch of a
   * fan-out, in script calls of up to `fanoutGroup` homes (one hash slot's on a cluster),
   * pipelined. Returns how many homes were active and got it.
   */
  async addToActiveHomes(userIds: readonly string[], entry: Entry): Promise<number> {
    const results = await this.scripts.runGrouped(
      addToActiveHomes,
      userIds.map((id) => this.keys.home(id)),
      [String(this.settings.homeCap), String(entry.score), entry.member],
      this.settings.fanoutGroup,
    );
    let written = 0;
    for (const result of results) written += Number(result);
    return written;
  }

  /** Removes an entry from each of these users' homes, pipelined. */
  async removeFromHomes(userIds: readonly string[], member: string): Promise<void> {
    await Promise.all(userIds.map((id) => this.redis.zRem(this.keys.home(id), member)));
  }

  /** Removes every entry of one author from a user's home. */
  async removeAuthorFromHome(userId: string, authorId: string): Promise<void> {
    const home = this.keys.home(userId);
    const members = await this.redis.zRange(home, 0, -1);
    const theirs = members.filter((m) => m !== SENTINEL && parseEntry(m).authorId === authorId);
    if (theirs.length > 0) await this.redis.zRem(home, theirs);
  }

  /** Replaces a user's home with these entries (and the sentinel), with a fresh TTL. */
  async replaceHome(userId: string, entries: readonly Entry[]): Promise<void> {
    const home = this.keys.home(userId);
    await transaction(this.redis, home)
      .del(home)
      .zAdd(home, [
        { score: Number.NEGATIVE_INFINITY, value: SENTINEL },
        ...entries.map((e) => ({ score: e.score, value: e.member })),
      ])
      .expire(home, this.settings.homeTtlSeconds)
      .exec();
  }

  // ---- the follow graph ----

  following(userId: string): Promise<string[]> {
    return this.redis.sMembers(this.keys.following(userId));
  }

  async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    return Boolean(await this.redis.sIsMember(this.keys.following(followerId), followeeId));
  }

  followerCount(userId: string): Promise<number> {
    return this.redis.sCard(this.keys.followers(userId));
  }

  /** An author's followers, a page of SSCAN at a time (about `pageSize` each). */
  followerPages(authorId: string, pageSize: number): AsyncIterable<string[]> {
    return setMemberPages(this.redis, this.keys.followers(authorId), pageSize);
  }

  /**
   * The followee's side of a follow change: adds or removes the follower in their followers
   * set, unless a newer change of the pair was applied already. True when the set changed.
   */
  changeFollowers(followeeId: string, followerId: string, at: number, op: FollowOp) {
    return this.applyIfNewest(
      this.keys.followers(followeeId),
      this.keys.followersClock(followeeId),
      followerId,
      at,
      op,
    );
  }

  /**
   * The follower's side of a follow change: adds or removes the followee in their following
   * set, unless a newer change of the pair was applied already. True when the set changed.
   */
  changeFollowing(followerId: string, followeeId: string, at: number, op: FollowOp) {
    return this.applyIfNewest(
      this.keys.following(followerId),
      this.keys.followingClock(followerId),
      followeeId,
      at,
      op,
    );
  }

  /** Last-writer-wins on one user's set, by the clock kept beside it for each member. */
  private async applyIfNewest(
    set: string,
    clock: string,
    member: string,
    at: number,
    op: FollowOp,
  ): Promise<boolean> {
    const changed = await this.scripts.run(
      applyFollowChange,
      [set, clock],
      [member, String(at), op],
    );
    return Number(changed) === 1;
  }

  // ---- authors above the fan-out threshold ----

  async setCelebrity(authorId: string, above: boolean): Promise<void> {
    if (above) await this.redis.sAdd(this.keys.celebrities, authorId);
    else await this.redis.sRem(this.keys.celebrities, authorId);
  }

  /** Which of these authors are above the threshold: one command, whatever their number. */
  async celebritiesAmong(authorIds: string[]): Promise<string[]> {
    if (authorIds.length === 0) return [];
    const flags = await this.redis.smIsMember(this.keys.celebrities, authorIds);
    return authorIds.filter((_, i) => flags[i]);
  }
}
