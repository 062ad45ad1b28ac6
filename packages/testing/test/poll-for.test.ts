import { describe, expect, it } from 'vitest';
import { pollFor, uniqueId } from '../src';

describe('pollFor', () => {
  it('returns the first truthy value, retrying through errors', async () => {
    let calls = 0;
    const value = await pollFor(
      () => {
        calls++;
        if (calls < 3) throw new Error('not yet');
        return calls === 3 ? false : 'done';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(4);
  });

  it('fails with the description and the last error', async () => {
    await expect(
      pollFor(
        () => {
          throw new Error('still broken');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'the thing' },
      ),
    ).rejects.toThrow(/the thing not met within 30 ms: last error: still broken/);
  });
});

describe('uniqueId', () => {
  it('is unique and safe for names', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uniqueId('u')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^u_[a-z0-9]+$/);
  });
});
