import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis } from '@flock/redis';
import { freePort, pollFor, testLogger } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';

/**
 * The gateway's Redis (rate limits, entity invalidations) frozen with SIGSTOP: requests get a
 * coded 503 within the command timeout instead of hanging, and all is well once it thaws.
 */
let redis: ChildProcess;
let stack: TestStack;
const TIMEOUT_MS = 500;

beforeAll(async () => {
  const port = await freePort();
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { cwd: mkdtempSync(join(tmpdir(), 'flock-redis-')), stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await pollFor(
    async () => {
      const probe = createRedis({ url, logger: testLogger() });
      probe.on('error', () => {});
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.destroy();
      }
    },
    { description: 'the test Redis to answer' },
  );
  stack = await startTestStack({
    gatewayEnv: {
      REDIS_URL: url,
      REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS),
      RATE_LIMIT_IP_PER_MINUTE: '10000',
    },
  });
});
afterAll(async () => {
  redis?.kill('SIGCONT');
  await stack?.stop();
  redis?.kill('SIGKILL');
});

async function ask() {
  const started = Date.now();
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    code: body.errors?.[0]?.extensions?.code,
    ms: Date.now() - started,
  };
}

describe('a frozen Redis', () => {
  it('gives coded 503s within the command timeout, and recovers when it thaws', async () => {
    expect((await ask()).status).toBe(200);
    redis.kill('SIGSTOP');
    try {
      for (let i = 0; i < 3; i++) {
        const answer = await ask();
        expect(answer).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
        expect(answer.ms).toBeLessThan(TIMEOUT_MS + 1_500);
      }
    } finally {
      redis.kill('SIGCONT');
    }
    await pollFor(async () => (await ask()).status === 200, { description: 'recovery' });
  });
});
