import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';
import { freePort, pollFor } from '@flock/testing';
import { afterEach, describe, expect, it } from 'vitest';

const fixture = join(import.meta.dirname, 'fixtures', 'workers-main.ts');
let primary: ChildProcess | undefined;

afterEach(() => {
  primary?.kill('SIGKILL');
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

/** One request on a connection of its own (the cluster deals connections, not requests). */
function pidAt(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(JSON.parse(body).pid));
    }).on('error', reject);
  });
}

async function servingPids(url: string): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < 10; i++) pids.add(await pidAt(url));
  return pids;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runWorkers', () => {
  it('serves one port from two processes, replaces a dead worker and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const run = start({ PORT: String(port) });
    primary = run.child;
    const first = await pollFor(
      async () => {
        const pids = await servingPids(url).catch(() => new Set<number>());
        return pids.size === 2 ? pids : undefined;
      },
      { description: 'two workers answering', timeoutMs: 30_000 },
    );

    await new Promise((resolve) => get(`${url}crash`, { agent: false }).on('error', resolve));
    const after = await pollFor(
      async () => {
        const pids = await servingPids(url).catch(() => new Set<number>());
        return pids.size === 2 && [...pids].some((pid) => !first.has(pid)) ? pids : undefined;
      },
      { description: 'the dead worker replaced', timeoutMs: 30_000 },
    );
    expect([...first].filter((pid) => after.has(pid))).toHaveLength(1);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect([...after].filter(isAlive)).toEqual([]);
  }, 60_000); // spawns processes: seconds on a loaded machine

  it("serves every worker's metrics, summed, from whichever worker a scrape reaches", async () => {
    const port = await freePort();
    const run = start({ PORT: String(port) });
    primary = run.child;
    await pollFor(
      async () =>
        (await servingPids(`http://127.0.0.1:${port}/`).catch(() => new Set())).size === 2,
      { description: 'two workers answering', timeoutMs: 30_000 },
    );
    for (let i = 0; i < 6; i++) {
      const text = await new Promise<string>((resolve, reject) => {
        get(`http://127.0.0.1:${port}/metrics`, { agent: false }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(text).toMatch(/flock_events_handled_total\{[^}]*topic="started"[^}]*\} 2\n/);
    }
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 60_000);

  it('exits 1 when its workers cannot start', async () => {
    const run = start({ PORT: String(await freePort()), FAIL_START: '1' });
    primary = run.child;
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('a worker failed to start');
  }, 60_000);
});
