import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/domain/cursor';

const member = '01a224d3-06be-72b8-b08e-ba897f7919a8:01a224d3-05e0-74db-8791-22acf2c79d37';

function problemOf(call: () => unknown) {
  try {
    call();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  throw new Error('expected an error');
}

describe('timeline cursors', () => {
  it('give back the position they were made from', () => {
    const cursor = { score: 1_798_761_600_123, member };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('mean the first page when absent', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(null)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'nope'],
    ['a bare string', Buffer.from(JSON.stringify('x')).toString('base64url')],
    [
      'a score that is not a number',
      Buffer.from(JSON.stringify(['1', member])).toString('base64url'),
    ],
    ['a member that is not a string', Buffer.from(JSON.stringify([1, 2])).toString('base64url')],
    [
      'a member far too long',
      Buffer.from(JSON.stringify([1, 'x'.repeat(201)])).toString('base64url'),
    ],
    ['an empty string', ''],
  ])('refuse %s as BAD_USER_INPUT on `after`', (_, value) => {
    expect(problemOf(() => decodeCursor(value))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
