import { describe, expect, it } from 'vitest';
import { neverDelivers } from '../src/events/send-once';

describe('addresses that never deliver', () => {
  it('are those of the .invalid TLD, in any case', () => {
    expect(neverDelivers('demo_0001@demo.flock.invalid')).toBe(true);
    expect(neverDelivers('X@FOO.INVALID')).toBe(true);
    expect(neverDelivers('x@foo.invalid.')).toBe(true);
  });

  it('are not real addresses that merely contain the word', () => {
    expect(neverDelivers('ada@example.com')).toBe(false);
    expect(neverDelivers('invalid@example.com')).toBe(false);
    expect(neverDelivers('ada@invalid.example.com')).toBe(false);
    expect(neverDelivers('ada@example.invalidx')).toBe(false);
  });
});
