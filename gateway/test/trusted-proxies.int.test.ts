import { uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';

/** The per-IP limit counts clients, not the load balancer in front of the gateway. */
let stack: TestStack;
const LIMIT = 3;

beforeAll(async () => {
  stack = await startTestStack({
    gatewayEnv: {
      RATE_LIMIT_IP_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_NAMESPACE: uniqueId('proxytest').replace('_', ''),
      TRUSTED_PROXIES: '127.0.0.1/8, ::1',
    },
  });
});
afterAll(() => stack?.stop());

async function statusFrom(url: string, forwardedFor?: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  await response.text();
  return response.status;
}

async function statuses(url: string, forwardedFor: string | undefined, n: number) {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) seen.push(await statusFrom(url, forwardedFor));
  return seen;
}

describe('trusted proxies', () => {
  it('takes the client address from X-Forwarded-For when the connection is a trusted proxy', async () => {
    const a = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const b = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    expect(await statuses(stack.gatewayUrl, a, LIMIT + 1)).toEqual([200, 200, 200, 429]);
    // Another client behind the same proxy has a bucket of its own.
    expect(await statuses(stack.gatewayUrl, b, LIMIT)).toEqual([200, 200, 200]);
    // A client cannot pick its address: what it prepends to the header is left of the hop
    // the trusted proxy saw, so it is ignored.
    expect(await statusFrom(stack.gatewayUrl, `192.0.2.77, ${a}`)).toBe(429);
  });

  it('ignores X-Forwarded-For from a connection that is not a trusted proxy', async () => {
    const replica = await stack.gatewayReplica({
      TRUSTED_PROXIES: '',
      RATE_LIMIT_NAMESPACE: uniqueId('proxytest').replace('_', ''),
    });
    // Every request comes from 127.0.0.1, whatever header it carries: one bucket.
    const seen = [];
    for (let i = 0; i <= LIMIT; i++) seen.push(await statusFrom(replica, `192.0.2.${i + 1}`));
    expect(seen).toEqual([200, 200, 200, 429]);
  });
});
