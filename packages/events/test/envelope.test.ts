import { withCorrelation } from '@flock/logger';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createEnvelope,
  decodeEnvelope,
  EventValidationError,
  postCreated,
  userRegistered,
} from '../src';

const payload = {
  userId: '0190a5c6-6d4e-7d1a-9e1b-3f2a1c4b5d6e',
  username: 'ada',
  displayName: null,
  email: 'ada@example.com',
  registeredAt: '2026-11-27T10:00:00.000Z',
  emailVerification: { encryptedToken: 'jwe', expiresAt: '2026-11-28T10:00:00.000Z' },
};

describe('envelopes', () => {
  it('wraps a valid payload with id, type, time, source and the current correlation id', () => {
    const envelope = withCorrelation('req-1', () =>
      createEnvelope(userRegistered, payload, { source: 'identity' }),
    );
    expect(envelope).toMatchObject({
      type: 'identity.user-registered.v1',
      source: 'identity',
      correlationId: 'req-1',
      payload,
    });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(userRegistered.keyOf(envelope.payload)).toBe(payload.userId);
  });

  it('refuses a payload that breaks its contract, naming the field', () => {
    const bad = { ...payload, email: 'not-an-email' };
    expect(() => createEnvelope(userRegistered, bad, { source: 'identity' })).toThrow(
      EventValidationError,
    );
    expect(() => createEnvelope(userRegistered, bad, { source: 'identity' })).toThrow(
      /payload\.email/,
    );
  });

  it('decodes only JSON envelopes of the right type', () => {
    const envelope = createEnvelope(userRegistered, payload, { source: 'identity' });
    const bytes = Buffer.from(JSON.stringify(envelope));
    expect(decodeEnvelope(userRegistered, bytes)).toEqual(envelope);
    expect(() => decodeEnvelope(postCreated, bytes)).toThrow(
      /type: expected posts.post-created.v1/,
    );
    expect(() => decodeEnvelope(userRegistered, Buffer.from('{oops'))).toThrow(/not JSON/);
    expect(() => decodeEnvelope(userRegistered, null)).toThrow(/no value/);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within the cap', () => {
    const policy = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 50; i++) {
      const first = backoffDelay(1, policy);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      const late = backoffDelay(9, policy);
      expect(late).toBeGreaterThanOrEqual(500);
      expect(late).toBeLessThanOrEqual(1000);
    }
  });
});
