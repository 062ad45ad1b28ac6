import { hashSlot } from '@flock/redis';

/**
 * Home timelines are spread over this many hash tags, {h:0}..{h:1023}, by their user's id. A
 * fan-out writes many homes per script call, and on Redis Cluster one call may only touch keys
 * of one hash slot: with a tag per user, the followers of a 10,000-follower author would share
 * slots with almost no one (10,000 users over 16,384 slots); with 1,024 buckets about 10
 * homes share each (100 at 100,000 followers). 1,024 slots still spread homes evenly over
 * any number of masters a cluster of this size would have, and move a bucket at a time when
 * resharding. Changing it moves every home: reads then regenerate them as expired ones.
 */
export const HOME_BUCKETS = 1024;

/**
 * Redis keys of the feed. Every key of one user but their home shares the hash tag {u:<id>};
 * every command touches one user's keys only, or homes of one bucket, so the same code runs
 * on Redis Cluster.
 */
export function feedKeys(prefix: string) {
  const of = (userId: string, name: string) => `${prefix}:{u:${userId}}:${name}`;
  return {
    /** The author's recent top-level posts (score = creation time): merged into homes. */
    posts: (userId: string) => of(userId, 'posts'),
    /** The author's recent posts and replies: their profile timeline. */
    timeline: (userId: string) => of(userId, 'timeline'),
    /** Ids of the author's deleted posts: never shown again, whatever arrives late. */
    deleted: (userId: string) => of(userId, 'deleted'),
    followers: (userId: string) => of(userId, 'followers'),
    following: (userId: string) => of(userId, 'following'),
    /** Last-writer-wins clocks of follow/unfollow events, so replays in any order converge. */
    followingClock: (userId: string) => of(userId, 'following-clock'),
    followersClock: (userId: string) => of(userId, 'followers-clock'),
    /**
     * The home timeline; exists only while the user is active (it expires when unread). In its
     * bucket's hash tag, not the user's (HOME_BUCKETS).
     */
    home: (userId: string) => `${prefix}:{h:${hashSlot(userId) % HOME_BUCKETS}}:home:${userId}`,
    /**
     * Authors above the fan-out threshold (their posts are merged in at read time). One key
     * for everyone: reads check a user's followees against it in one command.
     */
    celebrities: `${prefix}:{celebrities}`,
    /**
     * Authors who have deleted at least one post (a `deleted` set of their own). Reads check a
     * page's authors against it in one command and look at tombstones only for those in it.
     */
    deleters: `${prefix}:{deleters}`,
    /** Every key of the feed, for the rebuild's flush. */
    pattern: `${prefix}:*`,
  };
}

export type FeedKeys = ReturnType<typeof feedKeys>;

/** A timeline entry: the member names the author too, so tombstones can be checked per author. */
export function entryOf(postId: string, authorId: string): string {
  return `${postId}:${authorId}`;
}

export function parseEntry(member: string): { postId: string; authorId: string } {
  const [postId = '', authorId = ''] = member.split(':');
  return { postId, authorId };
}

/** Keeps a home key alive when empty (Redis drops empty sorted sets); never returned. */
export const SENTINEL = '~';
