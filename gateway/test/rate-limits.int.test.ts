import { uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, graphql, startTestStack, type TestStack } from './harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    gatewayEnv: {
      RATE_LIMIT_IP_PER_MINUTE: '40',
      RATE_LIMIT_USER_PER_MINUTE: '5',
      RATE_LIMIT_NAMESPACE: uniqueId('ratetest').replace('_', ''),
    },
  });
});
afterAll(() => stack?.stop());

describe('gateway rate limits', () => {
  it('limits each signed-in user, then each IP, with RATE_LIMITED and HTTP 429', async () => {
    const username = uniqueId('r');
    const registered = await graphql<any>(
      stack.gatewayUrl,
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      { input: { username, email: `${username}@example.com`, password: 'long enough pw' } },
    );
    const token = registered.data.register.accessToken;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await graphql(stack.gatewayUrl, '{ me { id } }', {}, { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await graphql(stack.gatewayUrl, '{ me { id } }', {}, { token });
    expect(errorOf(limited).code).toBe('RATE_LIMITED');

    // Anonymous requests from this IP still pass until the per-IP limit is reached.
    let status = 200;
    let count = 0;
    while (status === 200 && count < 100) {
      status = (await graphql(stack.gatewayUrl, '{ __typename }')).status;
      count++;
    }
    expect(status).toBe(429);
    expect(count).toBeLessThanOrEqual(40);
  });
});
