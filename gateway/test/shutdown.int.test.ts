import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, pollFor } from '@flock/testing';
import { describe, expect, it } from 'vitest';

describe('the gateway process', () => {
  it('runs as two workers and stops cleanly on SIGTERM to its process group', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'bin', 'server.ts')],
      {
        cwd: join(import.meta.dirname, '..'),
        // Not NODE_ENV=test: Apollo Server installs its own signal handlers outside tests.
        env: {
          ...process.env,
          NODE_ENV: 'development',
          PORT: String(port),
          WORKERS: '2',
          LOG_LEVEL: 'debug',
        },
        detached: true, // its own process group, as `npm start` runs it
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await pollFor(() => output.match(/http server listening/g)?.length === 2, {
        description: 'two workers listening',
        timeoutMs: 30_000,
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      process.kill(-(child.pid as number), 'SIGTERM');
      expect(await exited).toBe(0);
      // Every step of both workers closed (Apollo's own signal handler used to leave its stop()
      // hanging until the step timed out), and nothing failed.
      expect(output.match(/"msg":"stopped"/g)).toHaveLength(2);
      expect(output.match(/"step":"redis","msg":"closed"/g)).toHaveLength(2);
      expect(output).not.toContain('shutdown step failed');
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    }
  });
});
