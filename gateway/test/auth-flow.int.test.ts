import { resolveLocalStack } from '@flock/env';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { dataOf, errorOf, graphql, startTestStack, type TestStack } from './harness';

const mailWebUrl = resolveLocalStack(process.env).mailWebUrl;
let stack: TestStack;

beforeAll(async () => {
  // No reuse grace window here: this flow presents a rotated token again at once (the
  // window itself is tested in sessions.int.test.ts).
  stack = await startTestStack({ mailer: true, identityEnv: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
});
afterAll(() => stack?.stop());

gql(`
  fragment AuthFlowSession on AuthPayload {
    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id username }
  }
`);
const LOGIN = gql(`
  mutation AuthFlowLogin($input: LoginInput!) { login(input: $input) { ...AuthFlowSession } }
`);
const REFRESH = gql(`
  mutation AuthFlowRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }
`);

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
    const registered = await graphql(
      stack.gatewayUrl,
      gql(`
        mutation AuthFlowRegister($input: RegisterInput!) {
          register(input: $input) { ...AuthFlowSession }
        }
      `),
      { input: { username: name.toUpperCase(), email, password, displayName: 'Ada' } },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register.user.username).toBe(name);

    // the welcome email arrives in the catcher, with a verification link
    const welcome = await emailTo(email.toLowerCase());
    expect(welcome.subject).toBe(`Welcome to Flock, @${name}`);
    const token = /token=([A-Za-z0-9_-]+)/.exec(welcome.text)?.[1];
    if (!token) throw new Error(`no verification link in: ${welcome.text}`);

    // verify it
    const VERIFY = gql(`
      mutation AuthFlowVerifyEmail($token: String!) { verifyEmail(token: $token) { id } }
    `);
    const verified = await graphql(stack.gatewayUrl, VERIFY, { token });
    expect(verified.data?.verifyEmail.id).toBe(registered.data?.register.user.id);
    const again = await graphql(stack.gatewayUrl, VERIFY, { token });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    // login with the email (any case), then me
    const login = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: email.toUpperCase(), password },
    });
    expect(login.errors).toBeUndefined();
    const first = dataOf(login).login;
    const me = await graphql(
      stack.gatewayUrl,
      gql(`
        query AuthFlowMe { me { username email emailVerified } }
      `),
      {},
      { token: first.accessToken },
    );
    expect(me.data?.me).toEqual({
      username: name,
      email: email.toLowerCase(),
      emailVerified: true,
    });

    // refresh: a new pair
    const refreshed = await graphql(
      stack.gatewayUrl,
      gql(`
        mutation AuthFlowRotate($t: String!) {
          refreshSession(refreshToken: $t) { ...AuthFlowSession }
        }
      `),
      { t: first.refreshToken },
    );
    const second = dataOf(refreshed).refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // reusing the rotated token revokes the whole family: the new one stops working too
    const reuse = await graphql(stack.gatewayUrl, REFRESH, { t: first.refreshToken });
    expect(errorOf(reuse).code).toBe('UNAUTHENTICATED');
    const afterReuse = await graphql(stack.gatewayUrl, REFRESH, { t: second.refreshToken });
    expect(errorOf(afterReuse).code).toBe('UNAUTHENTICATED');

    // a fresh login, then logout ends that session
    const relogin = await graphql(stack.gatewayUrl, LOGIN, { input: { login: name, password } });
    const third = dataOf(relogin).login;
    const logout = await graphql(
      stack.gatewayUrl,
      gql(`
        mutation AuthFlowLogout { logout }
      `),
      {},
      { token: third.accessToken },
    );
    expect(logout.data?.logout).toBe(true);
    const afterLogout = await graphql(stack.gatewayUrl, REFRESH, { t: third.refreshToken });
    expect(errorOf(afterLogout).code).toBe('UNAUTHENTICATED');
  });
});
