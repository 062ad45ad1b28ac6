/**
 * Redis keys of the feed. Every key of one user shares the hash tag {u:<id>}, and every
 * operation touches one user's keys only, so the same code runs on Redis Cluster.
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
    /** The home timeline; exists only while the user is active (it expires when unread). */
    home: (userId: string) => of(userId, 'home'),
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
