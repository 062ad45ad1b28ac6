import { createHash } from 'node:crypto';
import { uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import type { SessionsRefreshMutation, SessionsSessionFragment } from './__generated__/graphql';
import {
  dataOf,
  errorOf,
  type GraphQLResponse,
  graphql,
  startTestStack,
  type TestStack,
  testDatabasePool,
} from './harness';

/**
 * A session (refresh-token family) is revoked as a unit and revocation always wins a race
 * with a rotation; a token presented twice by concurrent refreshes gets the same successor.
 * Each race runs many times: one lucky interleaving proves nothing.
 */
const RACES = 30;

let stack: TestStack;
const db = testDatabasePool('identity');

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
  await db.end();
});

gql(`
  fragment SessionsSession on AuthPayload { accessToken refreshToken user { id } }
`);
const REGISTER = gql(`
  mutation SessionsRegister($input: RegisterInput!) {
    register(input: $input) { ...SessionsSession }
  }
`);
const LOGIN = gql(`
  mutation SessionsLogin($input: LoginInput!) { login(input: $input) { ...SessionsSession } }
`);
const REFRESH = gql(`
  mutation SessionsRefresh($t: String!) {
    refreshSession(refreshToken: $t) { ...SessionsSession }
  }
`);
const CHANGE_PASSWORD = gql(`
  mutation SessionsChangePassword($c: String!, $n: String!) {
    changePassword(currentPassword: $c, newPassword: $n)
  }
`);
const LOGOUT = gql(`
  mutation SessionsLogout { logout }
`);

type Session = SessionsSessionFragment;

interface Account {
  name: string;
  password: string;
}

async function account(): Promise<Account & { session: Session }> {
  const name = uniqueId('s');
  const password = 'a long enough password';
  const response = await graphql(stack.gatewayUrl, REGISTER, {
    input: { username: name, email: `${name}@example.com`, password },
  });
  expect(response.errors).toBeUndefined();
  return { name, password, session: dataOf(response).register };
}

async function login({ name, password }: Account): Promise<Session> {
  const response = await graphql(stack.gatewayUrl, LOGIN, {
    input: { login: name, password },
  });
  expect(response.errors).toBeUndefined();
  return dataOf(response).login;
}

const refresh = (token: string) => graphql(stack.gatewayUrl, REFRESH, { t: token });

/** The session's refresh token, if the response carries one. */
const refreshed = (response: GraphQLResponse<SessionsRefreshMutation>) =>
  response.data?.refreshSession.refreshToken;

/** The refresh token of a refresh that must have succeeded. */
const successorOf = async (token: string) =>
  dataOf(await refresh(token)).refreshSession.refreshToken;

async function expectEnded(...tokens: (string | undefined)[]): Promise<void> {
  for (const token of tokens) {
    if (token === undefined) continue;
    const response = await refresh(token);
    expect(errorOf(response).code).toBe('UNAUTHENTICATED');
  }
}

async function sessionOf(refreshToken: string): Promise<{ id: string; revoked: boolean }> {
  const { rows } = await db.query(
    `SELECT s.id, s.revoked_at IS NOT NULL AS revoked
     FROM refresh_tokens t JOIN sessions s ON s.id = t.family_id WHERE t.token_hash = $1`,
    [createHash('sha256').update(refreshToken).digest('hex')],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** Moves a token's rotation into the past, out of the reuse grace window (default 10 s). */
async function rotatedLongAgo(refreshToken: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE refresh_tokens SET rotated_at = rotated_at - interval '1 minute'
     WHERE token_hash = $1 AND rotated_at IS NOT NULL`,
    [createHash('sha256').update(refreshToken).digest('hex')],
  );
  expect(rowCount).toBe(1);
}

describe('concurrent refreshes with the same token', () => {
  it(`both succeed with the same successor and the session goes on (${RACES} times)`, async () => {
    const { session } = await account();
    let token = session.refreshToken;
    for (let i = 0; i < RACES; i++) {
      const [a, b] = await Promise.all([refresh(token), refresh(token)]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      const first = dataOf(a).refreshSession;
      const second = dataOf(b).refreshSession;
      expect(first.refreshToken).toBe(second.refreshToken);
      expect(first.refreshToken).not.toBe(token);
      expect(first.accessToken).not.toBe(second.accessToken); // each gets a fresh access token
      token = first.refreshToken;
    }
    const last = await refresh(token);
    const me = await graphql(
      stack.gatewayUrl,
      gql(`
        query SessionsMe { me { id } }
      `),
      {},
      { token: last.data?.refreshSession.accessToken },
    );
    expect(me.data?.me.id).toBe(session.user.id);
    expect((await sessionOf(token)).revoked).toBe(false);
  });
});

describe('revocation wins every race with a rotation', () => {
  it(`logout racing a rotation leaves no live token of the session (${RACES} times)`, async () => {
    const user = await account();
    for (let i = 0; i < RACES; i++) {
      const session = await login(user);
      // Alternate the two ways to log out: by refresh token, and by access token.
      const logout =
        i % 2 === 0
          ? graphql(
              stack.gatewayUrl,
              gql(`
                mutation SessionsLogoutByRefreshToken($t: String) { logout(refreshToken: $t) }
              `),
              { t: session.refreshToken },
            )
          : graphql(stack.gatewayUrl, LOGOUT, {}, { token: session.accessToken });
      const [loggedOut, rotation] = await Promise.all([logout, refresh(session.refreshToken)]);
      expect(loggedOut.data).toEqual({ logout: true });
      if (rotation.errors) expect(errorOf(rotation).code).toBe('UNAUTHENTICATED');
      await expectEnded(session.refreshToken, refreshed(rotation));
      expect((await sessionOf(session.refreshToken)).revoked).toBe(true);
    }
  });

  it(`a password change racing a rotation of another session ends that session (${RACES} times)`, async () => {
    const user = await account();
    const keeper = user.session;
    for (let i = 0; i < RACES; i++) {
      const other = await login(user);
      const next = `${user.password}!`;
      const [changed, rotation] = await Promise.all([
        graphql(
          stack.gatewayUrl,
          CHANGE_PASSWORD,
          { c: user.password, n: next },
          { token: keeper.accessToken },
        ),
        refresh(other.refreshToken),
      ]);
      expect(changed.data).toEqual({ changePassword: true });
      user.password = next;
      if (rotation.errors) expect(errorOf(rotation).code).toBe('UNAUTHENTICATED');
      await expectEnded(other.refreshToken, refreshed(rotation));
      expect((await sessionOf(other.refreshToken)).revoked).toBe(true);
    }
    // The session that changed the password is the one that stays.
    expect(refreshed(await refresh(keeper.refreshToken))).toBeDefined();
  });

  it(`reuse detection racing a rotation ends the session (${RACES} times)`, async () => {
    const user = await account();
    for (let i = 0; i < RACES; i++) {
      const stolen = (await login(user)).refreshToken;
      const current = await successorOf(stolen);
      await rotatedLongAgo(stolen);
      const [reuse, rotation] = await Promise.all([refresh(stolen), refresh(current)]);
      expect(errorOf(reuse)).toMatchObject({ code: 'UNAUTHENTICATED' });
      if (rotation.errors) expect(errorOf(rotation).code).toBe('UNAUTHENTICATED');
      await expectEnded(current, refreshed(rotation));
      expect((await sessionOf(current)).revoked).toBe(true);
    }
  });
});

describe('reuse of a rotated refresh token', () => {
  it('within the grace window gets the same successor again, without ending the session', async () => {
    const { session } = await account();
    const successor = await successorOf(session.refreshToken);
    expect(refreshed(await refresh(session.refreshToken))).toBe(successor);
    expect(refreshed(await refresh(successor))).toBeDefined();
  });

  it('outside the grace window ends the session', async () => {
    const { session } = await account();
    const successor = await successorOf(session.refreshToken);
    await rotatedLongAgo(session.refreshToken);
    const reuse = await refresh(session.refreshToken);
    expect(errorOf(reuse)).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Refresh token was already used; the session has been ended',
    });
    await expectEnded(successor);
    expect((await sessionOf(successor)).revoked).toBe(true);
  });

  it('after the session was ended is UNAUTHENTICATED, and so is a refresh after logout', async () => {
    const user = await account();
    const successor = await successorOf(user.session.refreshToken);
    await graphql(stack.gatewayUrl, LOGOUT, {}, { token: user.session.accessToken });
    // Within the grace window too: a revoked session gives nothing.
    const again = await refresh(user.session.refreshToken);
    expect(errorOf(again)).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The session has ended',
    });
    await expectEnded(successor);
  });
});

describe('with the grace window turned off (REFRESH_REUSE_GRACE_SECONDS=0)', () => {
  let strict: TestStack;
  beforeAll(async () => {
    process.env.REFRESH_REUSE_GRACE_SECONDS = '0';
    try {
      strict = await startTestStack();
    } finally {
      delete process.env.REFRESH_REUSE_GRACE_SECONDS;
    }
  });
  afterAll(() => strict?.stop());

  it('an immediate reuse ends the session', async () => {
    const name = uniqueId('s');
    const registered = await graphql(strict.gatewayUrl, REGISTER, {
      input: { username: name, email: `${name}@example.com`, password: 'long enough pw' },
    });
    const first = dataOf(registered).register.refreshToken;
    const second = await graphql(strict.gatewayUrl, REFRESH, { t: first });
    const reuse = await graphql(strict.gatewayUrl, REFRESH, { t: first });
    expect(errorOf(reuse).code).toBe('UNAUTHENTICATED');
    const afterReuse = await graphql(strict.gatewayUrl, REFRESH, {
      t: dataOf(second).refreshSession.refreshToken,
    });
    expect(errorOf(afterReuse).code).toBe('UNAUTHENTICATED');
  });
});
