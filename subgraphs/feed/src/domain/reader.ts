import { regenerateHome } from './home-regeneration';
import { type Cursor, mergeRanges, readPage, type TimelinePage } from './merge';
import type { TimelineSettings } from './settings';
import type { TimelineStore } from './timeline-store';

/** Pages of home and profile timelines (the subgraph), newest first after a cursor. */
export class TimelineReader {
  constructor(
    private readonly store: TimelineStore,
    private readonly settings: TimelineSettings,
  ) {}

  /** The viewer's home page: their timeline merged with the authors above the threshold. */
  async homePage(userId: string, first: number, cursor?: Cursor): Promise<TimelinePage> {
    const keys = this.store.keys;
    // Reading keeps the timeline alive; a missing one (expired) is regenerated, TTL included,
    // unless the account was deleted (its access token outlives it by minutes).
    const [alive, following] = await Promise.all([
      this.store.touchHome(userId),
      this.store.following(userId),
    ]);
    if (!alive && !(await this.store.isAccountDeleted(userId))) {
      await regenerateHome(this.store, this.settings, userId);
    }
    const celebrities = await this.store.celebritiesAmong(following);
    return this.page(
      [keys.home(userId), ...celebrities.map((id) => keys.posts(id))],
      first,
      cursor,
    );
  }

  /** An author's profile timeline (posts and replies). */
  profilePage(authorId: string, first: number, cursor?: Cursor): Promise<TimelinePage> {
    return this.page([this.store.keys.timeline(authorId)], first, cursor);
  }

  /**
   * Merges the sources newest first after the cursor: each source gives its own best `want`
   * entries, which is enough for the merged best `want`, and only those are checked for
   * deletion.
   */
  private page(sources: string[], first: number, cursor?: Cursor): Promise<TimelinePage> {
    return readPage(first, async (want) => {
      const ranges = await Promise.all(sources.map((key) => this.store.range(key, want, cursor)));
      const { candidates, exhausted } = mergeRanges(ranges, want);
      return { live: await this.store.withoutDeleted(candidates), exhausted };
    });
  }
}
