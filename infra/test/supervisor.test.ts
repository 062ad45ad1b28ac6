import { describe, expect, it } from 'vitest';
import { describeSupervised, restartDelayMs } from '../stack/supervision';

describe('restartDelayMs', () => {
  const policy = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

  it('doubles from the initial delay up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n, policy));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});

describe('describeSupervised', () => {
  it('shows the pid, the restarts and the last exit', () => {
    const at = new Date(2026, 10, 29, 12, 3, 4).getTime();
    const line = describeSupervised({
      name: 'feed-worker',
      supervisorPid: 100,
      pid: 123,
      restarts: 2,
      lastExit: { code: null, signal: 'SIGKILL', at },
    });
    expect(line).toBe('pid 123, restarts 2, last exit SIGKILL 12:03:04');
  });

  it('says when the process waits for its restart, and an exit code', () => {
    const at = new Date(2026, 10, 29, 9, 0, 0).getTime();
    const line = describeSupervised({
      name: 'mailer',
      supervisorPid: 100,
      restarts: 1,
      lastExit: { code: 1, signal: null, at },
    });
    expect(line).toBe('restarting, restarts 1, last exit code 1 09:00:00');
  });
});
