import { uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { dataOf, errorOf, graphql, startTestStack, type TestStack } from './harness';

/** mySessions, revokeSession and revokeOtherSessions, through the gateway. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const REGISTER = gql(`
  mutation MySessionsRegister($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`);
const LOGIN = gql(`
  mutation MySessionsLogin($input: LoginInput!) {
    login(input: $input) { accessToken refreshToken }
  }
`);
const REFRESH = gql(`
  mutation MySessionsRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }
`);
const SESSIONS = gql(`
  query MySessions { mySessions { id createdAt lastUsedAt client current } }
`);
const REVOKE = gql(`
  mutation MySessionsRevoke($id: ID!) { revokeSession(id: $id) }
`);
const REVOKE_OTHERS = gql(`
  mutation MySessionsRevokeOthers { revokeOtherSessions }
`);

const password = 'a long enough password';

async function account(userAgent = FIREFOX) {
  const name = uniqueId('ms');
  const response = await graphql(
    stack.gatewayUrl,
    REGISTER,
    { input: { username: name, email: `${name}@example.com`, password } },
    { headers: { 'user-agent': userAgent } },
  );
  return { name, ...dataOf(response).register };
}

async function login(name: string, userAgent: string) {
  const response = await graphql(
    stack.gatewayUrl,
    LOGIN,
    { input: { login: name, password } },
    { headers: { 'user-agent': userAgent } },
  );
  return dataOf(response).login;
}

const sessionsOf = async (token: string) =>
  dataOf(await graphql(stack.gatewayUrl, SESSIONS, {}, { token })).mySessions;

describe('mySessions', () => {
  it('lists the caller’s sessions, most recently used first, marks the current one and names the client', async () => {
    const laptop = await account(FIREFOX);
    const phone = await login(laptop.name, IPHONE);
    const script = await login(laptop.name, 'flock-cli/1.2');

    const seen = await sessionsOf(phone.accessToken);
    expect(seen.map((s) => s.client)).toEqual([
      'flock-cli/1.2',
      'Safari 18 on iOS',
      'Firefox 133 on Linux',
    ]);
    expect(seen.map((s) => s.current)).toEqual([false, true, false]);
    for (const session of seen) {
      expect(Date.parse(session.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(session.createdAt));
    }
    // Refreshing a session makes it the most recently used.
    await graphql(stack.gatewayUrl, REFRESH, { t: laptop.refreshToken });
    const after = await sessionsOf(script.accessToken);
    expect(after[0]?.client).toBe('Firefox 133 on Linux');
    expect(after.find((s) => s.current)?.client).toBe('flock-cli/1.2');
  });

  it('shows nobody else’s sessions and needs a signed-in caller', async () => {
    const one = await account();
    const other = await account();
    const mine = await sessionsOf(one.accessToken);
    const theirs = await sessionsOf(other.accessToken);
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    expect(mine[0]?.id).not.toBe(theirs[0]?.id);
    expect(errorOf(await graphql(stack.gatewayUrl, SESSIONS, {})).code).toBe('UNAUTHENTICATED');
  });
});

describe('revokeSession', () => {
  it('ends another of one’s sessions at once: its refresh token stops working', async () => {
    const laptop = await account(FIREFOX);
    const phone = await login(laptop.name, IPHONE);
    const phoneSession = (await sessionsOf(phone.accessToken)).find((s) => s.current);
    if (!phoneSession) throw new Error('no current session');

    const revoked = await graphql(
      stack.gatewayUrl,
      REVOKE,
      { id: phoneSession.id },
      { token: laptop.accessToken },
    );
    expect(dataOf(revoked).revokeSession).toBe(true);
    const refused = await graphql(stack.gatewayUrl, REFRESH, { t: phone.refreshToken });
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
    expect((await sessionsOf(laptop.accessToken)).map((s) => s.id)).not.toContain(phoneSession.id);
    // Again: it has ended already, still true.
    const again = await graphql(
      stack.gatewayUrl,
      REVOKE,
      { id: phoneSession.id },
      { token: laptop.accessToken },
    );
    expect(dataOf(again).revokeSession).toBe(true);
    // The laptop's own session goes on.
    expect(
      dataOf(await graphql(stack.gatewayUrl, REFRESH, { t: laptop.refreshToken })),
    ).toBeTruthy();
  });

  it('answers NOT_FOUND for another person’s session, and leaves it alone', async () => {
    const victim = await account();
    const attacker = await account();
    const [victimSession] = await sessionsOf(victim.accessToken);
    const attempt = await graphql(
      stack.gatewayUrl,
      REVOKE,
      { id: victimSession?.id ?? '' },
      { token: attacker.accessToken },
    );
    expect(errorOf(attempt)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const unknown = await graphql(
      stack.gatewayUrl,
      REVOKE,
      { id: '01930000-0000-7000-8000-000000000000' },
      { token: attacker.accessToken },
    );
    expect(errorOf(unknown)).toEqual(errorOf(attempt));
    expect(
      dataOf(await graphql(stack.gatewayUrl, REFRESH, { t: victim.refreshToken })),
    ).toBeTruthy();
  });

  it('validates the id and needs a signed-in caller', async () => {
    const member = await account();
    const bad = await graphql(
      stack.gatewayUrl,
      REVOKE,
      { id: 'not-a-uuid' },
      { token: member.accessToken },
    );
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const anonymous = await graphql(stack.gatewayUrl, REVOKE, { id: member.user.id });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });
});

describe('revokeOtherSessions', () => {
  it('ends every session but the current one', async () => {
    const laptop = await account(FIREFOX);
    const phone = await login(laptop.name, IPHONE);
    const script = await login(laptop.name, 'flock-cli/1.2');

    const ended = await graphql(stack.gatewayUrl, REVOKE_OTHERS, {}, { token: phone.accessToken });
    expect(dataOf(ended).revokeOtherSessions).toBe(2);
    for (const gone of [laptop.refreshToken, script.refreshToken]) {
      const refused = await graphql(stack.gatewayUrl, REFRESH, { t: gone });
      expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
    }
    const left = await sessionsOf(phone.accessToken);
    expect(left.map((s) => [s.client, s.current])).toEqual([['Safari 18 on iOS', true]]);
    expect(
      dataOf(await graphql(stack.gatewayUrl, REFRESH, { t: phone.refreshToken })),
    ).toBeTruthy();
    const none = await graphql(stack.gatewayUrl, REVOKE_OTHERS, {}, { token: phone.accessToken });
    expect(dataOf(none).revokeOtherSessions).toBe(0);
  });
});
