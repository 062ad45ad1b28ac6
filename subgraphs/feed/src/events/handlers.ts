import {
  on,
  postCreated,
  postDeleted,
  type Subscription,
  userFollowed,
  userRegistered,
  userUnfollowed,
} from '@flock/events';
import type { Timelines } from '../domain/timelines';

/** The projection: each event applied to Redis, idempotently (replays change nothing). */
export function feedSubscriptions(timelines: Timelines): Subscription[] {
  return [
    on(userRegistered, (e) => timelines.userRegistered(e.payload.userId)),
    on(postCreated, async (e) => {
      await timelines.postCreated(e.payload);
    }),
    on(postDeleted, (e) => timelines.postDeleted(e.payload)),
    on(userFollowed, (e) =>
      timelines.followed({ ...e.payload, at: Date.parse(e.payload.followedAt) }),
    ),
    on(userUnfollowed, (e) =>
      timelines.unfollowed({ ...e.payload, at: Date.parse(e.payload.unfollowedAt) }),
    ),
  ];
}
