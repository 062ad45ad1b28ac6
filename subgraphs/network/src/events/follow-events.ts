import {
  createEnvelope,
  type Envelope,
  type PayloadOf,
  userFollowed,
  userUnfollowed,
} from '@flock/events';
import { traceContextFor } from '@flock/telemetry';
import type { OutboxNode } from './neo4j-outbox';

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
 * packages/events fails the mutation, never the relay. Their `sequence` is the one field the
 * write itself adds (sequencedOutboxNode).
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

/**
 * A follow event's outbox node before the write numbers it (`$outboxEvent` of the follow and
 * unfollow Cypher): the envelope's JSON cut where `payload.sequence` goes. The sequence is the
 * follower's follow clock, known only inside the write (it is taken under the follower's
 * lock), so the Cypher writes `envelope = envelopeHead + toString(clock) + envelopeTail`: the
 * node the relay publishes (OutboxNode) carries the whole envelope, numbered.
 */
export interface SequencedOutboxNode {
  id: string;
  topic: string;
  envelopeHead: string;
  envelopeTail: string;
  /** The W3C trace context of the request (JSON), continued by the relay; null untraced. */
  traceContext: string | null;
}

/** No field of an envelope holds this (checked: it must cut the JSON in exactly two). */
const SEQUENCE_MARK = '\u0000sequence\u0000';

export function sequencedOutboxNode(envelope: Envelope<object>): SequencedOutboxNode {
  const json = JSON.stringify({
    ...envelope,
    payload: { ...envelope.payload, sequence: SEQUENCE_MARK },
  });
  const [envelopeHead, envelopeTail, ...more] = json.split(JSON.stringify(SEQUENCE_MARK));
  if (envelopeHead === undefined || envelopeTail === undefined || more.length > 0) {
    throw new Error(`event ${envelope.id} cannot be numbered: the sequence mark is not unique`);
  }
  const trace = traceContextFor(envelope.correlationId);
  return {
    id: envelope.id,
    topic: envelope.type,
    envelopeHead,
    envelopeTail,
    traceContext: trace.traceparent ? JSON.stringify(trace) : null,
  };
}

/** The node the write makes of it with `sequence` (what the Cypher does; for tests). */
export function numberedOutboxNode(node: SequencedOutboxNode, sequence: number): OutboxNode {
  return {
    id: node.id,
    topic: node.topic,
    envelope: `${node.envelopeHead}${sequence}${node.envelopeTail}`,
  };
}
