import { randomInt } from 'node:crypto';
import { resolveLocalStack } from '@flock/env';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  errorOf,
  graphql,
  type RequestOptions,
  startTestStack,
  type TestStack,
  testDatabasePool,
} from './harness';

/**
 * Password reset and email change through the gateway, with the emails read from the local
 * mail catcher and their links followed as the app page would.
 */
const mailWebUrl = resolveLocalStack(process.env).mailWebUrl;
const RESET_PAGE = 'https://app.test/reset-password';
const CONFIRM_PAGE = 'https://app.test/confirm-email';
let stack: TestStack;
const db = testDatabasePool('identity');

beforeAll(async () => {
  stack = await startTestStack({
    mailer: true,
    identityEnv: { PASSWORD_RESETS_PER_HOUR_PER_CLIENT: '5' },
    mailerEnv: { RESET_PASSWORD_URL: RESET_PAGE, CONFIRM_EMAIL_URL: CONFIRM_PAGE },
    // Each test comes from its own client address (X-Forwarded-For from a trusted proxy), so
    // per-client limits of one test (or of an earlier run, in Redis) never touch another.
    gatewayEnv: { TRUSTED_PROXIES: '127.0.0.1/8, ::1' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await db.end();
});

const REGISTER = gql(`
  mutation RecoveryRegister($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`);
const LOGIN = gql(`
  mutation RecoveryLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }
`);
const REFRESH = gql(`
  mutation RecoveryRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }
`);
const ME = gql(`
  query RecoveryMe { me { id email emailVerified } }
`);
const REQUEST_RESET = gql(`
  mutation RecoveryRequestReset($email: String!) { requestPasswordReset(email: $email) }
`);
const RESET = gql(`
  mutation RecoveryReset($token: String!, $password: String!) {
    resetPassword(token: $token, newPassword: $password)
  }
`);
const CHANGE_EMAIL = gql(`
  mutation RecoveryChangeEmail($email: String!, $password: String!) {
    changeEmail(newEmail: $email, currentPassword: $password)
  }
`);
const CONFIRM_EMAIL = gql(`
  mutation RecoveryConfirmEmail($token: String!) {
    confirmEmailChange(token: $token) { id email emailVerified }
  }
`);

const password = 'the first password';

/** A client address of its own (see TRUSTED_PROXIES above). */
const fromNewClient = (): RequestOptions => ({
  headers: { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` },
});

async function account() {
  const name = uniqueId('rec');
  const email = `${name}@example.com`;
  const response = await graphql(stack.gatewayUrl, REGISTER, {
    input: { username: name, email, password },
  });
  return { name, email, ...dataOf(response).register };
}

interface CaughtEmail {
  subject: string;
  text: string;
  to: { address: string }[];
}

/** The emails to `address` whose subject matches, once there are `count` of them. */
function emailsTo(address: string, subject: RegExp, count = 1): Promise<CaughtEmail[]> {
  return pollFor(
    async () => {
      const all = (await (await fetch(`${mailWebUrl}/api/email`)).json()) as CaughtEmail[];
      const mine = all.filter(
        (e) => e.to.some((t) => t.address === address) && subject.test(e.subject),
      );
      return mine.length >= count && mine;
    },
    { timeoutMs: 30_000, description: `${count} email(s) "${subject}" to ${address}` },
  );
}

/** The token of the link to `page` in an email (the app page reads it from the URL). */
function tokenIn(email: CaughtEmail | undefined, page: string): string {
  const link = email?.text.split('\n').find((line) => line.startsWith(`${page}?token=`));
  const token = link && new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no link to ${page} in: ${email?.text}`);
  return token;
}

async function resetLink(address: string, count = 1): Promise<string> {
  const emails = await emailsTo(address, /^Reset your Flock password/, count);
  return tokenIn(emails[count - 1], RESET_PAGE);
}

const outboxEventsAbout = async (text: string) =>
  Number(
    (
      await db.query('SELECT count(*) FROM outbox_events WHERE envelope::text LIKE $1', [
        `%${text}%`,
      ])
    ).rows[0].count,
  );

describe('password reset', () => {
  it('sets the password with the emailed link, ends every session, and tells the owner', async () => {
    const member = await account();
    const other = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: member.name, password },
    });
    const otherSession = dataOf(other).login;
    const client = fromNewClient();

    const asked = await graphql(stack.gatewayUrl, REQUEST_RESET, { email: member.email }, client);
    expect(dataOf(asked).requestPasswordReset).toBe(true);
    const token = await resetLink(member.email);

    const reset = await graphql(stack.gatewayUrl, RESET, {
      token,
      password: 'the second password',
    });
    expect(dataOf(reset).resetPassword).toBe(true);

    // Every session has ended: neither refresh token works any more.
    for (const refreshToken of [member.refreshToken, otherSession.refreshToken]) {
      const refused = await graphql(stack.gatewayUrl, REFRESH, { t: refreshToken });
      expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
    }
    const oldPassword = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: member.name, password },
    });
    expect(errorOf(oldPassword).code).toBe('UNAUTHENTICATED');
    const signedIn = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: member.email, password: 'the second password' },
    });
    // The link proved the owner reads the address.
    const me = await graphql(
      stack.gatewayUrl,
      ME,
      {},
      { token: dataOf(signedIn).login.accessToken },
    );
    expect(dataOf(me).me).toMatchObject({ email: member.email, emailVerified: true });

    // The owner is told.
    const [notice] = await emailsTo(member.email, /^Your Flock password was changed/);
    expect(notice?.text).toContain('with a password reset link');

    // The link works once.
    const again = await graphql(stack.gatewayUrl, RESET, { token, password: 'a third password' });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(errorOf(again).message).toContain('is invalid or was already used');
  });

  it('answers the same for an unregistered address, and sends nothing', async () => {
    const member = await account();
    const nobody = `${uniqueId('nobody')}@example.com`;
    const client = fromNewClient();
    const known = await graphql(stack.gatewayUrl, REQUEST_RESET, { email: member.email }, client);
    const unknown = await graphql(stack.gatewayUrl, REQUEST_RESET, { email: nobody }, client);
    expect(unknown).toEqual(known);
    expect(await outboxEventsAbout(nobody)).toBe(0);
    expect(await outboxEventsAbout(member.email)).toBeGreaterThan(0);
  });

  it('refuses expired, tampered, malformed and superseded tokens, and weak passwords', async () => {
    const member = await account();
    const client = fromNewClient();
    await graphql(stack.gatewayUrl, REQUEST_RESET, { email: member.email }, client);
    const first = await resetLink(member.email, 1);
    await graphql(stack.gatewayUrl, REQUEST_RESET, { email: member.email }, client);
    const second = await resetLink(member.email, 2);
    expect(second).not.toBe(first);

    const tryReset = (token: string, newPassword = 'a fine new password') =>
      graphql(stack.gatewayUrl, RESET, { token, password: newPassword });

    // Only the newest link works.
    expect(errorOf(await tryReset(first))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    // One character changed.
    const tampered = `${second.slice(0, -1)}${second.endsWith('A') ? 'B' : 'A'}`;
    expect(errorOf(await tryReset(tampered))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    expect(errorOf(await tryReset('not a token'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    // A weak password is refused without using the link up.
    expect(errorOf(await tryReset(second, 'short'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newPassword',
    });

    await db.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [member.user.id],
    );
    const expired = await tryReset(second);
    expect(errorOf(expired)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(errorOf(expired).message).toContain('has expired');
    // Nothing changed: the old password still signs in, the session still refreshes.
    const login = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: member.name, password },
    });
    expect(login.errors).toBeUndefined();
    const refreshed = await graphql(stack.gatewayUrl, REFRESH, { t: member.refreshToken });
    expect(refreshed.errors).toBeUndefined();
  });

  it('is limited per address (registered or not) and per client address', async () => {
    const nobody = `${uniqueId('limited')}@example.com`;
    // 3 per address per hour (the default), from any client.
    for (let i = 0; i < 3; i++) {
      const ok = await graphql(stack.gatewayUrl, REQUEST_RESET, { email: nobody }, fromNewClient());
      expect(dataOf(ok).requestPasswordReset).toBe(true);
    }
    const perAddress = await graphql(
      stack.gatewayUrl,
      REQUEST_RESET,
      { email: nobody },
      fromNewClient(),
    );
    expect(errorOf(perAddress).code).toBe('RATE_LIMITED');
    expect(Number(perAddress.errors?.[0]?.extensions?.retryAfter)).toBeGreaterThan(0);

    // 5 per client address per hour here, whatever the addresses.
    const client = fromNewClient();
    for (let i = 0; i < 5; i++) {
      const email = `${uniqueId('spray')}@example.com`;
      const ok = await graphql(stack.gatewayUrl, REQUEST_RESET, { email }, client);
      expect(dataOf(ok).requestPasswordReset).toBe(true);
    }
    const perClient = await graphql(
      stack.gatewayUrl,
      REQUEST_RESET,
      { email: `${uniqueId('spray')}@example.com` },
      client,
    );
    expect(errorOf(perClient).code).toBe('RATE_LIMITED');
  });

  it('validates the address', async () => {
    const bad = await graphql(stack.gatewayUrl, REQUEST_RESET, { email: 'nope' }, fromNewClient());
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });
});

describe('email change', () => {
  it('moves the account to the new address once the link sent there is used, and tells the old one', async () => {
    const member = await account();
    const asMember = { token: member.accessToken };
    const newEmail = `${uniqueId('moved')}@example.org`;

    const asked = await graphql(
      stack.gatewayUrl,
      CHANGE_EMAIL,
      { email: newEmail, password },
      asMember,
    );
    expect(dataOf(asked).changeEmail).toBe(true);
    // Nothing changes until it is confirmed.
    expect(dataOf(await graphql(stack.gatewayUrl, ME, {}, asMember)).me.email).toBe(member.email);
    const [link] = await emailsTo(newEmail, /^Confirm your new email address/);
    const token = tokenIn(link, CONFIRM_PAGE);

    const confirmed = await graphql(stack.gatewayUrl, CONFIRM_EMAIL, { token }, asMember);
    expect(dataOf(confirmed).confirmEmailChange).toEqual({
      id: member.user.id,
      email: newEmail,
      emailVerified: true,
    });
    expect(dataOf(await graphql(stack.gatewayUrl, ME, {}, asMember)).me.email).toBe(newEmail);
    const [notice] = await emailsTo(member.email, /^Your Flock email address was changed/);
    expect(notice?.text).toContain(`${newEmail.slice(0, 1)}***@example.org`);

    // Sign-in now uses the new address; the old one is nobody's.
    const byNew = await graphql(stack.gatewayUrl, LOGIN, { input: { login: newEmail, password } });
    expect(byNew.errors).toBeUndefined();
    const byOld = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: member.email, password },
    });
    expect(errorOf(byOld).code).toBe('UNAUTHENTICATED');

    // The link works once.
    const again = await graphql(stack.gatewayUrl, CONFIRM_EMAIL, { token });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('checks the password and the address, and needs a signed-in caller', async () => {
    const member = await account();
    const asMember = { token: member.accessToken };
    const change = (email: string, pw: string, options: RequestOptions = asMember) =>
      graphql(stack.gatewayUrl, CHANGE_EMAIL, { email, password: pw }, options);
    const elsewhere = `${uniqueId('else')}@example.org`;

    expect(errorOf(await change(elsewhere, 'not my password'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'currentPassword',
    });
    expect(errorOf(await change('not an address', password))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newEmail',
    });
    expect(errorOf(await change(member.email.toUpperCase(), password))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newEmail',
    });
    expect(errorOf(await change(elsewhere, password, {})).code).toBe('UNAUTHENTICATED');
  });

  it('answers the same for an address another account has, and sends nothing', async () => {
    const member = await account();
    const holder = await account();
    const asked = await graphql(
      stack.gatewayUrl,
      CHANGE_EMAIL,
      { email: holder.email, password },
      { token: member.accessToken },
    );
    expect(dataOf(asked).changeEmail).toBe(true);
    const { rows } = await db.query('SELECT count(*) FROM email_changes WHERE user_id = $1', [
      member.user.id,
    ]);
    expect(Number(rows[0].count)).toBe(0);
    expect(await outboxEventsAbout(`"newEmail":"${holder.email}"`)).toBe(0);
  });

  it('refuses expired, superseded and tampered links', async () => {
    const member = await account();
    const asMember = { token: member.accessToken };
    const first = `${uniqueId('first')}@example.org`;
    const second = `${uniqueId('second')}@example.org`;
    await graphql(stack.gatewayUrl, CHANGE_EMAIL, { email: first, password }, asMember);
    const firstToken = tokenIn((await emailsTo(first, /^Confirm your new email/))[0], CONFIRM_PAGE);
    await graphql(stack.gatewayUrl, CHANGE_EMAIL, { email: second, password }, asMember);
    const secondToken = tokenIn(
      (await emailsTo(second, /^Confirm your new email/))[0],
      CONFIRM_PAGE,
    );
    const confirm = (token: string) => graphql(stack.gatewayUrl, CONFIRM_EMAIL, { token });

    expect(errorOf(await confirm(firstToken))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    const tampered = `${secondToken.slice(0, -1)}${secondToken.endsWith('A') ? 'B' : 'A'}`;
    expect(errorOf(await confirm(tampered))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    await db.query(
      `UPDATE email_changes SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [member.user.id],
    );
    const expired = await confirm(secondToken);
    expect(errorOf(expired)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(errorOf(expired).message).toContain('has expired');
    expect(dataOf(await graphql(stack.gatewayUrl, ME, {}, asMember)).me.email).toBe(member.email);
  });
});
