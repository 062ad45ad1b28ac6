import {
  on,
  postCreated,
  postDeleted,
  type Subscription,
  userFollowed,
  userRegistered,
  userUnfollowed,
} from '@flock/events';
import type { TimelineProjection } from '../domain/projection';

/** The projection: each event applied to Redis, idempotently (replays change nothing). */
export function feedSubscriptions(projection: TimelineProjection): Subscription[] {
  return [
    on(userRegistered, (e) => projection.userRegistered(e.payload.userId)),
    on(postCreated, async (e) => {
      await projection.postCreated(e.payload);
    }),
    on(postDeleted, (e) => projection.postDeleted(e.payload)),
    on(userFollowed, (e) =>
      projection.followed({ ...e.payload, at: Date.parse(e.payload.followedAt) }),
    ),
    on(userUnfollowed, (e) =>
      projection.unfollowed({ ...e.payload, at: Date.parse(e.payload.unfollowedAt) }),
    ),
  ];
}
