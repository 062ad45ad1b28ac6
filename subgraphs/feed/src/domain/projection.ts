import { regenerateHome } from './home-regeneration';
import { entryOf } from './keys';
import type { Entry } from './merge';
import type { TimelineSettings } from './settings';
import type { TimelineStore } from './timeline-store';

/** The clock of a deleted account's removals: later than any follow change's. */
const FOREVER = Number.MAX_SAFE_INTEGER;

/** A follow or unfollow, with its clock (for last-writer-wins per pair). */
export interface FollowChange {
  followerId: string;
  followeeId: string;
  /** Its sequence, or its time in ms for events without one (events/handlers.ts followClock). */
  at: number;
}

export interface CreatedPost {
  postId: string;
  authorId: string;
  replyToId: string | null;
  createdAt: string;
}

/**
 * What became of a new post: how many followers the author has and how many active homes
 * received it, or why none did. The worker ignores it; tests assert on it, and the fan-out
 * benchmark counts its deliveries by it.
 */
export interface FanoutOutcome {
  followers: number;
  /** Followers' active homes written (inactive followers get nothing). */
  delivered: number;
  skipped?: 'deleted' | 'reply' | 'above-threshold';
}

/**
 * The projection of post and follow events into Redis (the worker). Every method is
 * idempotent and follow changes are last-writer-wins, so replaying events in any order is safe.
 */
export class TimelineProjection {
  constructor(
    private readonly store: TimelineStore,
    private readonly settings: TimelineSettings,
  ) {}

  /**
   * A new user starts active. During a replay their posts or follows may have been applied
   * first, so the home timeline is built from what is already known, not left empty.
   */
  async userRegistered(userId: string): Promise<void> {
    if (await this.store.isAccountDeleted(userId)) return;
    if (!(await this.store.hasHome(userId))) {
      await regenerateHome(this.store, this.settings, userId);
    }
  }

  async postCreated(post: CreatedPost): Promise<FanoutOutcome> {
    const { postId, authorId } = post;
    const none: FanoutOutcome = { followers: 0, delivered: 0 };
    if (await this.store.isDeleted(authorId, postId)) return { ...none, skipped: 'deleted' };
    const keys = this.store.keys;
    const entry: Entry = {
      postId,
      authorId,
      member: entryOf(postId, authorId),
      score: Date.parse(post.createdAt),
    };
    await this.store.addCapped(keys.timeline(authorId), entry.score, entry.member);
    if (post.replyToId) return { ...none, skipped: 'reply' };
    await this.store.addCapped(keys.posts(authorId), entry.score, entry.member);
    await this.store.addToActiveHome(authorId, [entry]);

    const followers = await this.store.followerCount(authorId);
    if (followers > this.settings.fanoutThreshold) {
      return { ...none, followers, skipped: 'above-threshold' };
    }
    let delivered = 0;
    // On a cluster a script call may hold only homes of one hash slot (one of HOME_BUCKETS):
    // the whole fan-out is one batch there (at most the threshold's followers), or a batch of
    // 1,000 would hold about one home per bucket and every call would write one home.
    const batch = this.store.onCluster
      ? Math.max(this.settings.fanoutBatch, followers)
      : this.settings.fanoutBatch;
    const scanned = await this.fanOut(
      authorId,
      async (homes) => {
        delivered += await this.store.addToActiveHomes(homes, entry);
      },
      batch,
    );
    return { followers: scanned, delivered };
  }

  async postDeleted({ postId, authorId }: { postId: string; authorId: string }): Promise<void> {
    const member = entryOf(postId, authorId);
    await this.store.markDeleted(authorId, postId);
    await this.store.removeFromAuthor(authorId, member);
    // Followers of an author above the threshold may still hold copies from before.
    await this.fanOut(authorId, (batch) => this.store.removeFromHomes(batch, member));
  }

  /**
   * An account was deleted: its posts leave every follower's home, it leaves every follower
   * and following set (removals clocked after any follow change, so no replayed follow wins),
   * and its own keys go. Its tombstone stays: reads drop any post of theirs still somewhere,
   * and follow events that arrive later (a replay) are not applied (see followed).
   */
  async accountDeleted(userId: string): Promise<void> {
    await this.store.markAccountDeleted(userId);
    await this.fanOut(userId, (followers) =>
      Promise.all(
        followers.map(async (followerId) => {
          await this.store.changeFollowing(followerId, userId, FOREVER, 'remove');
          await this.store.removeAuthorFromHome(followerId, userId);
        }),
      ),
    );
    for (const followeeId of await this.store.following(userId)) {
      await this.store.changeFollowers(followeeId, userId, FOREVER, 'remove');
      await this.updateCelebrityStatus(followeeId);
    }
    await this.store.dropAccountKeys(userId);
  }

  async followed(change: FollowChange): Promise<void> {
    const { followerId, followeeId } = change;
    if (await this.involvesDeletedAccount(change)) return;
    const changed = await this.updateFollowSets(change, 'add');
    // The account may have been deleted while this was written (a replay applies events of
    // several topics at once): accountDeleted marks first and then reads the sets, so either
    // it saw this follow and removed it, or this check sees its mark.
    if (await this.involvesDeletedAccount(change)) {
      await this.updateFollowSets({ followerId, followeeId, at: FOREVER }, 'remove');
      await this.store.removeAuthorFromHome(followerId, followeeId);
      return;
    }
    const aboveThreshold = await this.updateCelebrityStatus(followeeId);
    if (!changed || aboveThreshold) return;
    const { entries: recent } = await this.store.range(
      this.store.keys.posts(followeeId),
      this.settings.followBackfill,
    );
    const live = await this.store.withoutDeleted(recent);
    if (live.length === 0) return;
    await this.store.addToActiveHome(followerId, live);
    // A newer unfollow of the pair may have been applied meanwhile (follows and unfollows
    // arrive on two topics, maybe to two workers) and cleared the home before these posts
    // landed: its set change came first, so checking again here undoes the backfill.
    if (!(await this.store.isFollowing(followerId, followeeId))) {
      await this.store.removeAuthorFromHome(followerId, followeeId);
    }
  }

  async unfollowed(change: FollowChange): Promise<void> {
    const { followerId, followeeId } = change;
    if (await this.involvesDeletedAccount(change)) return;
    const changed = await this.updateFollowSets(change, 'remove');
    await this.updateCelebrityStatus(followeeId);
    if (!changed) return;
    await this.store.removeAuthorFromHome(followerId, followeeId);
  }

  private async involvesDeletedAccount({ followerId, followeeId }: FollowChange) {
    const [follower, followee] = await Promise.all([
      this.store.isAccountDeleted(followerId),
      this.store.isAccountDeleted(followeeId),
    ]);
    return follower || followee;
  }

  /**
   * Applies a follow change to both users' sets (the followee's followers, then the
   * follower's following); true when the follower's following set changed, i.e. the change
   * was the newest for the pair and not already applied.
   */
  private async updateFollowSets(
    { followerId, followeeId, at }: FollowChange,
    op: 'add' | 'remove',
  ): Promise<boolean> {
    await this.store.changeFollowers(followeeId, followerId, at, op);
    return this.store.changeFollowing(followerId, followeeId, at, op);
  }

  /**
   * Keeps the registry of authors above the threshold in step with their follower count;
   * true when the author is above it. Follow events of one author can be applied by several
   * workers at once (they are keyed by follower), so each writer checks the count again after
   * writing and corrects itself: the last write is always checked against the final count.
   */
  private async updateCelebrityStatus(authorId: string): Promise<boolean> {
    const isAbove = async () =>
      (await this.store.followerCount(authorId)) > this.settings.fanoutThreshold;
    for (let above = await isAbove(); ; ) {
      await this.store.setCelebrity(authorId, above);
      const now = await isAbove();
      if (now === above) return above;
      above = now;
    }
  }

  /**
   * Applies `write` to every follower in batches of `size` (the commands of a batch go
   * out together, pipelined); the next page of followers is scanned while the previous batch
   * is written. Returns how many followers there were.
   */
  private async fanOut(
    authorId: string,
    write: (followers: string[]) => Promise<unknown>,
    size = this.settings.fanoutBatch,
  ): Promise<number> {
    let followers = 0;
    let batch: string[] = [];
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      const full = batch;
      batch = [];
      await inFlight;
      inFlight = write(full);
    };
    for await (const page of this.store.followerPages(authorId, size)) {
      for (const followerId of page) {
        followers++;
        batch.push(followerId);
        if (batch.length >= size) await flush();
      }
    }
    if (batch.length > 0) await flush();
    await inFlight;
    return followers;
  }
}
