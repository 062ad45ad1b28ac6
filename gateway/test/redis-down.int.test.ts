import { resolveLocalStack } from '@flock/env';
import { pollFor, type TcpDoor, tcpDoor, testRedisTarget } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dataOf,
  errorOf,
  graphql,
  registerMember,
  startTestStack,
  type TestStack,
} from './harness';

/**
 * Redis unreachable when identity and the gateway start (it is reached through a door this
 * test opens later): both start, report themselves ready but degraded, answer what needs no
 * Redis, refuse what does with a coded error at once, and recover when Redis answers. In the
 * redis-cluster project the door leads to a node of the cluster, their only seed: a cluster
 * client that could not connect at start must keep trying (node-redis's does not by itself).
 */
let stack: TestStack;
let door: TcpDoor;
const clusterNode = testRedisTarget().clusterNodes[0];

beforeAll(async () => {
  door = await tcpDoor(new URL(clusterNode ?? resolveLocalStack(process.env).redisUrl).host);
  const redis: Record<string, string> = clusterNode
    ? { REDIS_CLUSTER_NODES: `redis://${door.address}` }
    : { REDIS_URL: `redis://${door.address}` };
  stack = await startTestStack({ identityEnv: redis, gatewayEnv: redis });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await door?.close();
});

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

async function readiness(graphqlUrl: string) {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: (await response.json()) as { status: string } };
}

describe('Redis down when identity and the gateway start', () => {
  it('serves what needs no Redis, refuses the rest with a coded error, and recovers', async () => {
    for (const url of [stack.gatewayUrl, stack.identityUrl]) {
      expect(await readiness(url)).toMatchObject({ status: 200, body: { status: 'degraded' } });
    }

    // Registration needs no Redis here (no per-client limit outside production)...
    const member = await registerMember(stack.gatewayUrl, { prefix: 'rd' });
    const me = await graphql(stack.gatewayUrl, '{ me { id } }', {}, { token: member.token });
    expect(dataOf(me)).toEqual({ me: { id: member.id } });

    // ...sign-in does (its throttle): a coded error, quickly.
    const input = { login: member.username, password: member.password };
    const started = Date.now();
    const refused = await graphql(stack.gatewayUrl, LOGIN, { input });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errorOf(refused).code).toBe('SERVICE_UNAVAILABLE');

    await door.open();
    await pollFor(
      async () => {
        const { data } = await graphql(stack.gatewayUrl, LOGIN, { input });
        return (data as { login?: { accessToken: string } } | null | undefined)?.login;
      },
      { timeoutMs: 30_000, description: 'sign-in to work once Redis answers' },
    );
    await pollFor(async () => (await readiness(stack.gatewayUrl)).body.status === 'ok', {
      timeoutMs: 30_000,
      description: 'the gateway to report itself healthy',
    });
  }, 90_000);
});
