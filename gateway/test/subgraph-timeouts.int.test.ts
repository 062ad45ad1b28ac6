import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { graphql, registerMember, startTestStack, type TestStack } from './harness';

/**
 * A subgraph that accepts connections and never answers (a frozen process) costs the
 * gateway its timeout, not a hang: its fields are null with SERVICE_UNAVAILABLE, and the
 * rest of the query answers.
 */
let stack: TestStack;
let frozen: Server;
const sockets: Socket[] = [];
const TIMEOUT_MS = 1_000;

beforeAll(async () => {
  frozen = createServer((socket) => {
    sockets.push(socket); // read nothing, answer nothing
  });
  await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
  const { port } = frozen.address() as { port: number };
  stack = await startTestStack({
    gatewayEnv: {
      NETWORK_URL: `http://127.0.0.1:${port}/graphql`,
      SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => frozen?.close(resolve));
});

describe('a frozen subgraph', () => {
  it('answers within its timeout with partial data and a coded error', async () => {
    const member = await registerMember(stack.gatewayUrl, { prefix: 't' });
    const started = Date.now();
    const response = await graphql(
      stack.gatewayUrl,
      gql(`
        query SubgraphTimeoutsProfileAndGraph($u: String!) {
          user(username: $u) { username displayName followerCount }
        }
      `),
      { u: member.username },
    );
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    // The user's own fields (identity) answer; the follow graph's is null, with the error.
    expect(response.data?.user).toEqual({
      username: member.username,
      displayName: null,
      followerCount: null,
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      service: 'network',
    });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 3_000);
  });
});
