import {
  accountDeleted,
  on,
  postCreated,
  postDeleted,
  type Subscription,
  userFollowed,
  userRegistered,
  userUnfollowed,
} from '@flock/events';
import { type ServiceMetrics, tracer, withSpan } from '@flock/telemetry';
import type { TimelineProjection } from '../domain/projection';

const spans = tracer('feed-worker');

/**
 * The projection: each event applied to Redis, idempotently (replays change nothing). A new
 * post's fan-out is a span of its own (followers, homes written) and counted in `metrics`.
 */
export function feedSubscriptions(
  projection: TimelineProjection,
  metrics?: ServiceMetrics,
): Subscription[] {
  return [
    on(userRegistered, (e) => projection.userRegistered(e.payload.userId)),
    on(accountDeleted, (e) => projection.accountDeleted(e.payload.userId)),
    on(postCreated, (e, message) =>
      withSpan(
        spans,
        'feed fan-out',
        { parent: message.trace, attributes: { 'flock.post.id': e.payload.postId } },
        async (span) => {
          const startedAt = performance.now();
          const outcome = await projection.postCreated(e.payload);
          span.setAttribute('flock.fanout.followers', outcome.followers);
          span.setAttribute('flock.fanout.delivered', outcome.delivered);
          if (outcome.skipped) span.setAttribute('flock.fanout.skipped', outcome.skipped);
          metrics?.fanoutDuration.observe((performance.now() - startedAt) / 1000);
          metrics?.fanoutDeliveries.inc(outcome.delivered);
        },
      ),
    ),
    on(postDeleted, (e) => projection.postDeleted(e.payload)),
    on(userFollowed, (e) =>
      projection.followed({
        followerId: e.payload.followerId,
        followeeId: e.payload.followeeId,
        at: followClock(e.payload.sequence, e.payload.followedAt),
      }),
    ),
    on(userUnfollowed, (e) =>
      projection.unfollowed({
        followerId: e.payload.followerId,
        followeeId: e.payload.followeeId,
        at: followClock(e.payload.sequence, e.payload.unfollowedAt),
      }),
    ),
  ];
}

/**
 * A follow change's clock: the sequence the graph write gave it (the follower's follow clock,
 * strictly increasing, at least the database's time in ms), or, for events from before there
 * was one, the change's time in ms. Follows and unfollows travel on two topics, so this, not
 * the order they arrive in, decides which change of a pair is the latest.
 */
export function followClock(sequence: number | undefined, at: string): number {
  return sequence ?? Date.parse(at);
}
