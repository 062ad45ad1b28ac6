import {
  createEnvelope,
  type Envelope,
  type PayloadOf,
  userFollowed,
  userUnfollowed,
} from '@flock/events';

/** Who follows whom, when, on whose request: what both follow events are made of. */
export interface FollowChange {
  followerId: string;
  followeeId: string;
  at: Date;
  correlationId: string;
}

const SOURCE = 'network';

/**
 * The events follow and unfollow write to the outbox, built from the contract in TypeScript
 * before the write: createEnvelope validates the payload, so one that drifts from
 * packages/events fails the mutation, never the relay.
 */
export function followedEvent(change: FollowChange): Envelope<PayloadOf<typeof userFollowed>> {
  return createEnvelope(
    userFollowed,
    {
      followerId: change.followerId,
      followeeId: change.followeeId,
      followedAt: change.at.toISOString(),
    },
    { source: SOURCE, correlationId: change.correlationId, occurredAt: change.at },
  );
}

export function unfollowedEvent(change: FollowChange): Envelope<PayloadOf<typeof userUnfollowed>> {
  return createEnvelope(
    userUnfollowed,
    {
      followerId: change.followerId,
      followeeId: change.followeeId,
      unfollowedAt: change.at.toISOString(),
    },
    { source: SOURCE, correlationId: change.correlationId, occurredAt: change.at },
  );
}
