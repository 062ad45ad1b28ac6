import { newestCapped } from './merge';
import type { TimelineSettings } from './settings';
import type { TimelineStore } from './timeline-store';

/**
 * Builds a user's home timeline from the recent posts of everyone they follow (and their own),
 * for a user who has none: an expired home on read, a new user during a replay. Authors above
 * the threshold stay out, as in fan-out: reads merge them in.
 */
export async function regenerateHome(
  store: TimelineStore,
  settings: TimelineSettings,
  userId: string,
): Promise<void> {
  const following = await store.following(userId);
  const celebrities = new Set(await store.celebritiesAmong(following));
  const fannedOut = [userId, ...following.filter((id) => !celebrities.has(id))];
  const lists = await Promise.all(
    fannedOut.map(
      async (id) => (await store.range(store.keys.posts(id), settings.homeCap)).entries,
    ),
  );
  const live = await store.withoutDeleted(lists.flat());
  await store.replaceHome(userId, newestCapped(live, settings.homeCap));
}
