import {
  type Envelope,
  EventValidationError,
  userFollowed,
  userUnfollowed,
  validateEnvelope,
} from '@flock/events';
import { describe, expect, it } from 'vitest';
import {
  followedEvent,
  numberedOutboxNode,
  sequencedOutboxNode,
  unfollowedEvent,
} from '../src/events/follow-events';
import { outboxNodeOf } from '../src/events/neo4j-outbox';

const change = {
  followerId: crypto.randomUUID(),
  followeeId: crypto.randomUUID(),
  at: new Date('2026-06-01T12:00:00.000Z'),
  correlationId: 'c-1',
};

describe('follow events', () => {
  it('are the contract’s topics and payloads, at the time of the change', () => {
    const followed = validateEnvelope(userFollowed, followedEvent(change));
    expect(followed).toMatchObject({
      type: 'network.user-followed.v1',
      source: 'network',
      correlationId: 'c-1',
      occurredAt: '2026-06-01T12:00:00.000Z',
      payload: {
        followerId: change.followerId,
        followeeId: change.followeeId,
        followedAt: '2026-06-01T12:00:00.000Z',
      },
    });
    const unfollowed = validateEnvelope(userUnfollowed, unfollowedEvent(change));
    expect(unfollowed.payload).toEqual({
      followerId: change.followerId,
      followeeId: change.followeeId,
      unfollowedAt: '2026-06-01T12:00:00.000Z',
    });
  });

  it('are refused before any write when the payload breaks the contract', () => {
    expect(() => followedEvent({ ...change, followeeId: 'not-a-uuid' })).toThrow(
      EventValidationError,
    );
    expect(() => unfollowedEvent({ ...change, followerId: '' })).toThrow(EventValidationError);
  });

  it('become the outbox node the relay publishes: id, topic and the envelope as JSON', () => {
    const event = followedEvent(change);
    const node = outboxNodeOf(event);
    expect(node).toEqual({
      id: event.id,
      topic: 'network.user-followed.v1',
      envelope: expect.any(String),
    });
    expect(JSON.parse(node.envelope)).toEqual(event);
  });

  it('are written numbered: the envelope cut where the write puts its sequence', () => {
    // What the Cypher writes: head + toString(clock) + tail, with a clock in ms and more.
    const sequence = 1_780_000_000_123;
    const followed = followedEvent(change);
    const numbered = (event: Envelope<object>) => {
      const node = sequencedOutboxNode(event);
      expect(node).toMatchObject({ id: event.id, topic: event.type });
      return JSON.parse(numberedOutboxNode(node, sequence).envelope);
    };
    expect(validateEnvelope(userFollowed, numbered(followed))).toEqual({
      ...followed,
      payload: { ...followed.payload, sequence },
    });
    const unfollowed = unfollowedEvent(change);
    expect(validateEnvelope(userUnfollowed, numbered(unfollowed))).toEqual({
      ...unfollowed,
      payload: { ...unfollowed.payload, sequence },
    });
  });

  it('cannot be numbered when a field holds the sequence mark', () => {
    const event = followedEvent({ ...change, correlationId: '\u0000sequence\u0000' });
    expect(() => sequencedOutboxNode(event)).toThrow(/cannot be numbered/);
  });
});
