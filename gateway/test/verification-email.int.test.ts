import { resolveLocalStack } from '@flock/env';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { dataOf, errorOf, graphql, startTestStack, type TestStack } from './harness';

const mailWebUrl = resolveLocalStack(process.env).mailWebUrl;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    mailer: true,
    identityEnv: { VERIFICATION_EMAILS_PER_HOUR: '2' },
  });
});
afterAll(() => stack?.stop());

const REGISTER = gql(`
  mutation ResendRegister($input: RegisterInput!) {
    register(input: $input) { accessToken user { id } }
  }
`);
const RESEND = gql(`
  mutation ResendVerification { resendVerificationEmail }
`);
const VERIFY = gql(`
  mutation ResendVerify($token: String!) { verifyEmail(token: $token) { id emailVerified } }
`);

interface CaughtEmail {
  subject: string;
  text: string;
  to: { address: string }[];
}

/** The emails to `address` in the catcher, once there are `count` of them. */
function emailsTo(address: string, count: number): Promise<CaughtEmail[]> {
  return pollFor(
    async () => {
      const all = (await (await fetch(`${mailWebUrl}/api/email`)).json()) as CaughtEmail[];
      const mine = all.filter((e) => e.to.some((t) => t.address === address));
      return mine.length >= count && mine;
    },
    { timeoutMs: 30_000, description: `${count} email(s) to ${address}` },
  );
}

const tokenIn = (email: CaughtEmail | undefined) => {
  const token = /token=([A-Za-z0-9_-]+)/.exec(email?.text ?? '')?.[1];
  if (!token) throw new Error(`no verification link in: ${email?.text}`);
  return token;
};

async function register() {
  const username = uniqueId('resend');
  const email = `${username}@example.com`;
  const result = await graphql(stack.gatewayUrl, REGISTER, {
    input: { username, email, password: 'correct horse battery' },
  });
  return { email, ...dataOf(result).register };
}

describe('resendVerificationEmail', () => {
  it('sends a new working link, limits requests per account, and sends nothing once verified', async () => {
    const member = await register();
    const asMember = { token: member.accessToken };

    const resent = await graphql(stack.gatewayUrl, RESEND, {}, asMember);
    expect(resent.data?.resendVerificationEmail).toBe(true);
    const emails = await emailsTo(member.email, 2);
    const welcome = emails.find((e) => e.subject.startsWith('Welcome'));
    const again = emails.find((e) => e.subject.startsWith('Confirm'));
    expect(welcome?.subject).toMatch(/^Welcome to Flock/);
    expect(again?.subject).toMatch(/^Confirm your email address/);
    const newToken = tokenIn(again);
    expect(newToken).not.toBe(tokenIn(welcome));

    // The limit (2 per hour here) counts per account.
    expect(dataOf(await graphql(stack.gatewayUrl, RESEND, {}, asMember))).toEqual({
      resendVerificationEmail: true,
    });
    const limited = await graphql(stack.gatewayUrl, RESEND, {}, asMember);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(Number(limited.errors?.[0]?.extensions?.retryAfter)).toBeGreaterThan(0);
    const other = await register();
    expect(
      dataOf(await graphql(stack.gatewayUrl, RESEND, {}, { token: other.accessToken })),
    ).toEqual({ resendVerificationEmail: true });

    // The new link verifies the address; after that, nothing more is sent (nor counted).
    const verified = await graphql(stack.gatewayUrl, VERIFY, { token: newToken }, asMember);
    expect(dataOf(verified).verifyEmail).toEqual({ id: member.user.id, emailVerified: true });
    const afterVerified = await graphql(stack.gatewayUrl, RESEND, {}, asMember);
    expect(afterVerified.errors).toBeUndefined();
    expect(afterVerified.data?.resendVerificationEmail).toBe(false);
  });

  it('is UNAUTHENTICATED without a signed-in user', async () => {
    const result = await graphql(stack.gatewayUrl, RESEND, {});
    expect(errorOf(result).code).toBe('UNAUTHENTICATED');
  });
});
