import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollFor } from '@flock/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { stackPaths } from '../stack/paths';
import { isAlive, processes } from '../stack/processes';
import {
  describeSupervised,
  startSupervised,
  stopSupervised,
  supervisedState,
} from '../stack/supervision';

// Real processes in a state dir of their own: nothing of the shared stack is touched.
const stateDir = mkdtempSync(join(tmpdir(), 'flock-supervisor-'));
const procs = processes(stackPaths(stateDir));
const policy = { initialMs: 100, maxMs: 400, resetAfterMs: 60_000 };
const state = (name: string) => supervisedState(procs, name);

afterAll(async () => {
  for (const name of ['sleeper', 'crasher']) await stopSupervised(procs, name, 2_000);
  rmSync(stateDir, { recursive: true, force: true });
});

describe('a supervised process', () => {
  it('comes back after kill -9, status reports the restart, and a stop does not restart it', async () => {
    startSupervised(procs, 'sleeper', process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      cwd: stateDir,
      policy,
    });
    const first = await pollFor(() => state('sleeper')?.pid, { description: 'the first pid' });
    process.kill(first, 'SIGKILL');

    const restarted = await pollFor(
      () => {
        const current = state('sleeper');
        return current?.pid && current.pid !== first ? current : undefined;
      },
      { description: 'a new process after kill -9' },
    );
    expect(isAlive(restarted.pid ?? 0)).toBe(true);
    expect(restarted.restarts).toBe(1);
    expect(restarted.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(describeSupervised(restarted)).toMatch(
      new RegExp(`^pid ${restarted.pid}, restarts 1, last exit SIGKILL \\d\\d:\\d\\d:\\d\\d$`),
    );
    expect(readFileSync(procs.paths.log('sleeper'), 'utf8')).toContain('sleeper: exited (SIGKILL)');

    const supervisor = procs.trackedPid('sleeper') ?? 0;
    expect(await stopSupervised(procs, 'sleeper', 5_000)).toBe(true);
    // stopSupervised returns once the whole process group is gone: nothing is left to restart.
    expect(isAlive(supervisor)).toBe(false);
    expect(isAlive(restarted.pid ?? 0)).toBe(false);
    expect(state('sleeper')).toMatchObject({ restarts: 1 });
    expect(state('sleeper')?.pid).toBeUndefined();
  });

  it('waits longer after each quick exit', async () => {
    startSupervised(procs, 'crasher', process.execPath, ['-e', 'process.exit(3)'], {
      cwd: stateDir,
      policy,
    });
    const crashed = await pollFor(
      () => {
        const current = state('crasher');
        return (current?.restarts ?? 0) >= 4 ? current : undefined;
      },
      { description: 'four restarts' },
    );
    expect(crashed?.lastExit).toMatchObject({ code: 3, signal: null });
    const log = readFileSync(procs.paths.log('crasher'), 'utf8');
    const delays = [...log.matchAll(/restart \d+ in ([\d.]+) s/g)].map((m) => m[1]);
    expect(delays.slice(0, 4)).toEqual(['0.1', '0.2', '0.4', '0.4']);
    expect(await stopSupervised(procs, 'crasher', 5_000)).toBe(true);
  });
});
