import { uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { dataOf, errorOf, graphql, startTestStack, type TestStack } from './harness';

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
    const registered = await graphql(
      stack.gatewayUrl,
      gql(`
        mutation RateLimitsRegister($input: RegisterInput!) { register(input: $input) { accessToken } }
      `),
      { input: { username, email: `${username}@example.com`, password: 'long enough pw' } },
    );
    const token = dataOf(registered).register.accessToken;
    const ME = gql(`
      query RateLimitsMe { me { id } }
    `);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await graphql(stack.gatewayUrl, ME, {}, { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await graphql(stack.gatewayUrl, ME, {}, { token });
    expect(errorOf(limited).code).toBe('RATE_LIMITED');

    // Anonymous requests from this IP still pass until the per-IP limit is reached.
    const ANONYMOUS = gql(`
      query RateLimitsAnonymous { __typename }
    `);
    let status = 200;
    let count = 0;
    while (status === 200 && count < 100) {
      status = (await graphql(stack.gatewayUrl, ANONYMOUS)).status;
      count++;
    }
    expect(status).toBe(429);
    expect(count).toBeLessThanOrEqual(40);
  });
});
