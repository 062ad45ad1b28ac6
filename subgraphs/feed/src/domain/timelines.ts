import type { Redis } from '@flock/redis';
import { type FeedKeys, feedKeys } from './keys';
import { TimelineProjection } from './projection';
import { TimelineReader } from './reader';
import { ScriptRunner } from './script-runner';
import { defaultTimelineSettings, type TimelineSettings } from './settings';
import { TimelineStore } from './timeline-store';

/** The feed's read model over one Redis client: what the worker writes and the subgraph reads. */
export interface Timelines {
  settings: TimelineSettings;
  keys: FeedKeys;
  store: TimelineStore;
  /** Events → Redis (the worker). */
  projection: TimelineProjection;
  /** Pages (the subgraph). */
  reader: TimelineReader;
}

export function createTimelines(
  redis: Redis,
  settings: TimelineSettings = defaultTimelineSettings,
): Timelines {
  const keys = feedKeys(settings.prefix);
  const store = new TimelineStore(redis, keys, new ScriptRunner(redis), settings);
  return {
    settings,
    keys,
    store,
    projection: new TimelineProjection(store, settings),
    reader: new TimelineReader(store, settings),
  };
}

// What other packages use (`@flock/feed/timelines`): the bench builds the parts itself to
// time the fan-out's batches from outside.
export { feedKeys } from './keys';
export type { Cursor, Entry, TimelinePage } from './merge';
export { type FanoutOutcome, type FollowChange, TimelineProjection } from './projection';
export { TimelineReader } from './reader';
export { ScriptRunner } from './script-runner';
export { defaultTimelineSettings, type TimelineSettings } from './settings';
export { type FeedRedis, TimelineStore } from './timeline-store';
