import { resolveLocalStack } from '@flock/env';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, graphql, startTestStack, type TestStack } from './harness';

const mailWebUrl = resolveLocalStack(process.env).mailWebUrl;
let stack: TestStack;

beforeAll(async () => {
  // No reuse grace window here: this flow presents a rotated token again at once (the
  // window itself is tested in sessions.int.test.ts).
  stack = await startTestStack({ mailer: true, identityEnv: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
});
afterAll(() => stack?.stop());

const SESSION =
  'accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id username }';
interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string };
}

async function emailTo(address: string): Promise<{ subject: string; text: string }> {
  return pollFor(
    async () => {
      const response = await fetch(`${mailWebUrl}/api/email`);
      const emails = (await response.json()) as {
        to: { address: string }[];
        subject: string;
        text: string;
      }[];
      return emails.find((e) => e.to.some((t) => t.address === address));
    },
    { timeoutMs: 30_000, description: `an email to ${address}` },
  );
}

describe('sign-up to sign-out through the gateway', () => {
  it('registers, verifies the email, logs in, refreshes, detects refresh-token reuse, logs out', async () => {
    const name = uniqueId('ada');
    const email = `${name}@Example.com`;
    const password = 'correct horse battery';

    // register
    const registered = await graphql<{ register: Session }>(
      stack.gatewayUrl,
      `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`,
      { input: { username: name.toUpperCase(), email, password, displayName: 'Ada' } },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register.user.username).toBe(name);

    // the welcome email arrives in the catcher, with a verification link
    const welcome = await emailTo(email.toLowerCase());
    expect(welcome.subject).toBe(`Welcome to Flock, @${name}`);
    const token = /token=([A-Za-z0-9_-]+)/.exec(welcome.text)?.[1];
    expect(token).toBeDefined();

    // verify it
    const verified = await graphql<{ verifyEmail: { id: string } }>(
      stack.gatewayUrl,
      'mutation($token: String!) { verifyEmail(token: $token) { id } }',
      { token },
    );
    expect(verified.data?.verifyEmail.id).toBe(registered.data?.register.user.id);
    const again = await graphql(
      stack.gatewayUrl,
      'mutation($t: String!) { verifyEmail(token: $t) { id } }',
      {
        t: token,
      },
    );
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    // login with the email (any case), then me
    const login = await graphql<{ login: Session }>(
      stack.gatewayUrl,
      `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`,
      { input: { login: email.toUpperCase(), password } },
    );
    expect(login.errors).toBeUndefined();
    const first = login.data?.login as Session;
    const me = await graphql<{ me: { username: string; email: string; emailVerified: boolean } }>(
      stack.gatewayUrl,
      '{ me { username email emailVerified } }',
      {},
      { token: first.accessToken },
    );
    expect(me.data?.me).toEqual({
      username: name,
      email: email.toLowerCase(),
      emailVerified: true,
    });

    // refresh: a new pair
    const refreshed = await graphql<{ refreshSession: Session }>(
      stack.gatewayUrl,
      `mutation($t: String!) { refreshSession(refreshToken: $t) { ${SESSION} } }`,
      { t: first.refreshToken },
    );
    const second = refreshed.data?.refreshSession as Session;
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // reusing the rotated token revokes the whole family: the new one stops working too
    const reuse = await graphql(
      stack.gatewayUrl,
      'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      { t: first.refreshToken },
    );
    expect(errorOf(reuse).code).toBe('UNAUTHENTICATED');
    const afterReuse = await graphql(
      stack.gatewayUrl,
      'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      { t: second.refreshToken },
    );
    expect(errorOf(afterReuse).code).toBe('UNAUTHENTICATED');

    // a fresh login, then logout ends that session
    const relogin = await graphql<{ login: Session }>(
      stack.gatewayUrl,
      `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`,
      { input: { login: name, password } },
    );
    const third = relogin.data?.login as Session;
    const logout = await graphql<{ logout: boolean }>(
      stack.gatewayUrl,
      'mutation { logout }',
      {},
      { token: third.accessToken },
    );
    expect(logout.data?.logout).toBe(true);
    const afterLogout = await graphql(
      stack.gatewayUrl,
      'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      { t: third.refreshToken },
    );
    expect(errorOf(afterLogout).code).toBe('UNAUTHENTICATED');
  });
});
