/** The feed's configuration (FEED_* variables, see env.ts): limits and thresholds per deployment. */
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
  /**
   * Homes written per script call within a batch (on a cluster, a call holds one hash slot's
   * homes only, so fewer). Bigger groups pay a script call's fixed cost less often, but hold
   * Redis's one thread longer per call.
   */
  fanoutGroup: number;
}

export const defaultTimelineSettings: TimelineSettings = {
  prefix: 'feed',
  homeCap: 800,
  recentCap: 800,
  fanoutThreshold: 10_000,
  followBackfill: 100,
  homeTtlSeconds: 30 * 86_400,
  fanoutBatch: 1_000,
  fanoutGroup: 100,
};

// Read tuning: fixed, not configuration. They trade Redis round trips against rows read, and
// change no result — a page is the same whatever their values.

/**
 * A page's first read takes this many entries per source beyond the page: one tells whether
 * there is a next page, the other four absorb deleted posts among the candidates, so a page
 * with a few of them still needs one round of reads.
 */
export const PAGE_OVERFETCH = 5;

/**
 * When deleted posts left a page short, the next read takes this many times as many entries
 * per source: even a timeline where most recent posts were deleted fills its page in a few
 * rounds rather than one per missing entry.
 */
export const PAGE_REFETCH_GROWTH = 4;

/**
 * Rows read beyond what a source is asked for. A range starts at the cursor's score inclusive
 * (entries of the same millisecond are ordered by member), so the entries tied with the cursor
 * up to it come back and are skipped; these spare rows keep such ties from costing a second
 * round. More ties than this cost more rounds, never a post: the merge stops where such a
 * source stopped, and the page reads again, further (see mergeRanges).
 */
export const CURSOR_TIE_ROWS = 10;
