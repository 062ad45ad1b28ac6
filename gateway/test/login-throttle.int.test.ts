import { randomInt } from 'node:crypto';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  errorOf,
  type GraphQLResponse,
  graphql,
  type RequestOptions,
  startTestStack,
  type TestStack,
  testDatabasePool,
} from './harness';

/**
 * Password guessing is counted before the password is checked, per account and client
 * address; failures from one client never stop the owner on another. The gateway takes the
 * client's address from X-Forwarded-For because this test is its trusted proxy (loopback).
 */
const LIMIT = 10; // checked attempts per account and client address, per 15 minutes
const CEILING = 20; // failures per account from all clients before attempts are paced
const REGISTRATIONS = 3; // per client address per hour, for this stack

let stack: TestStack;
const db = testDatabasePool('identity');

beforeAll(async () => {
  process.env.REGISTRATIONS_PER_HOUR_PER_CLIENT = String(REGISTRATIONS);
  try {
    stack = await startTestStack({ gatewayEnv: { TRUSTED_PROXIES: 'loopback' } });
  } finally {
    delete process.env.REGISTRATIONS_PER_HOUR_PER_CLIENT;
  }
});
afterAll(async () => {
  await stack?.stop();
  await db.end();
});

/** A client address of its own (limits live in Redis and outlast a test run). */
const newClient = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** A request from a client at `client` behind the trusted proxy (as `token`'s member). */
const from = (client: string, token?: string): RequestOptions => ({
  token,
  headers: { 'x-forwarded-for': client },
});

const REGISTER = gql(`
  mutation LoginThrottleRegister($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`);
const LOGIN = gql(`
  mutation LoginThrottleLogin($input: LoginInput!) {
    login(input: $input) { accessToken user { id } }
  }
`);
const CHANGE_PASSWORD = gql(`
  mutation LoginThrottleChangePassword($c: String!, $n: String!) {
    changePassword(currentPassword: $c, newPassword: $n)
  }
`);

interface Account {
  id: string;
  name: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

async function account(client = newClient(), name = uniqueId('g')): Promise<Account> {
  const email = `${name}@example.com`;
  const password = 'the right password';
  const response = await graphql(
    stack.gatewayUrl,
    REGISTER,
    { input: { username: name, email, password } },
    from(client),
  );
  expect(response.errors).toBeUndefined();
  const session = dataOf(response).register;
  return {
    id: session.user.id,
    name,
    email,
    password,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

const login = (client: string, login: string, password: string) =>
  graphql(stack.gatewayUrl, LOGIN, { input: { login, password } }, from(client));

/** How many answers had each code ('ok' for none). */
function tally(responses: GraphQLResponse<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const code = r.errors ? String(errorOf(r).code) : 'ok';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe('login throttling', () => {
  it('checks at most the limit of 50 concurrent wrong passwords, and the owner still signs in from another client', async () => {
    const owner = await account();
    const attacker = newClient();
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(attacker, owner.name, `wrong guess ${i}`)),
    );
    // Every checked guess answers UNAUTHENTICATED; the others were refused before any check.
    expect(tally(guesses)).toEqual({ UNAUTHENTICATED: LIMIT, RATE_LIMITED: 50 - LIMIT });
    for (const refused of guesses.filter((r) => errorOf(r).code === 'RATE_LIMITED')) {
      expect(refused.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    }
    // That client is stopped, even with the right password...
    const fromAttacker = await login(attacker, owner.name, owner.password);
    expect(errorOf(fromAttacker).code).toBe('RATE_LIMITED');
    // ...but the owner, elsewhere, is not: nothing is locked.
    const fromOwner = await login(newClient(), owner.name, owner.password);
    expect(fromOwner.errors).toBeUndefined();
    expect(fromOwner.data?.login.user.id).toBe(owner.id);
  });

  it('limits an unknown login name exactly like an existing one', async () => {
    const attacker = newClient();
    const ghost = uniqueId('ghost');
    const guesses = await Promise.all(
      Array.from({ length: 15 }, () => login(attacker, ghost, 'some password')),
    );
    expect(tally(guesses)).toEqual({ UNAUTHENTICATED: LIMIT, RATE_LIMITED: 5 });
  });

  it('a success clears the client’s count', async () => {
    const owner = await account();
    const client = newClient();
    for (let i = 0; i < LIMIT - 1; i++) {
      expect(errorOf(await login(client, owner.name, 'a typo')).code).toBe('UNAUTHENTICATED');
    }
    expect((await login(client, owner.name, owner.password)).errors).toBeUndefined();
    for (let i = 0; i < LIMIT - 1; i++) {
      expect(errorOf(await login(client, owner.name, 'a typo')).code).toBe('UNAUTHENTICATED');
    }
  });

  it('paces a guess spread over many clients instead of locking the account; the owner’s known client is not slowed', async () => {
    const owner = await account();
    const home = newClient();
    expect((await login(home, owner.name, owner.password)).errors).toBeUndefined();

    // Two clients use up their limits: CEILING failures for the account.
    for (const client of [newClient(), newClient()]) {
      const guesses = await Promise.all(
        Array.from({ length: LIMIT }, () => login(client, owner.name, 'guess')),
      );
      expect(tally(guesses)).toEqual({ UNAUTHENTICATED: LIMIT });
    }
    // A third client would get LIMIT more; beyond the ceiling only one per pause is checked.
    const third = await Promise.all(
      Array.from({ length: LIMIT }, () => login(newClient(), owner.name, 'guess')),
    );
    const counts = tally(third);
    expect(counts.UNAUTHENTICATED).toBeGreaterThanOrEqual(1);
    expect(counts.UNAUTHENTICATED).toBeLessThanOrEqual(2); // a pause of 1 s, then 2 s
    expect(counts.RATE_LIMITED).toBe(LIMIT - (counts.UNAUTHENTICATED ?? 0));

    // The owner's usual client signs in at once...
    expect((await login(home, owner.name, owner.password)).errors).toBeUndefined();
    // ...and a new client of the owner's gets in once the pause is over: a delay, no lock.
    const elsewhere = newClient();
    const signedIn = await pollFor(
      async () => {
        const response = await login(elsewhere, owner.name, owner.password);
        if (response.errors) expect(errorOf(response).code).toBe('RATE_LIMITED');
        return response.data?.login;
      },
      { timeoutMs: 10_000, intervalMs: 250, description: 'the owner signing in from a new client' },
    );
    expect(signedIn.user.id).toBe(owner.id);
    expect(CEILING).toBe(2 * LIMIT); // what the counts above assume
  });
});

describe('changePassword throttling', () => {
  it('checks at most the limit of concurrent wrong current passwords, per account and client', async () => {
    const owner = await account();
    const thief = newClient();
    const guesses = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        graphql(
          stack.gatewayUrl,
          CHANGE_PASSWORD,
          { c: `guess ${i}`, n: 'a new password' },
          from(thief, owner.accessToken),
        ),
      ),
    );
    expect(tally(guesses)).toEqual({ BAD_USER_INPUT: LIMIT, RATE_LIMITED: 5 });
    for (const wrong of guesses.filter((r) => errorOf(r).code === 'BAD_USER_INPUT')) {
      expect(errorOf(wrong).field).toBe('currentPassword');
    }
    const fromThief = await graphql(
      stack.gatewayUrl,
      CHANGE_PASSWORD,
      { c: owner.password, n: 'a new password' },
      from(thief, owner.accessToken),
    );
    expect(errorOf(fromThief).code).toBe('RATE_LIMITED');
    const fromOwner = await graphql(
      stack.gatewayUrl,
      CHANGE_PASSWORD,
      { c: owner.password, n: 'a new password' },
      from(newClient(), owner.accessToken),
    );
    expect(fromOwner.data).toEqual({ changePassword: true });
  });
});

describe('registration', () => {
  it(`is limited to ${REGISTRATIONS} per client address per hour, probes of taken emails included`, async () => {
    const client = newClient();
    for (let i = 0; i < REGISTRATIONS - 1; i++) await account(client);
    const existing = await account();
    const probe = await graphql(
      stack.gatewayUrl,
      REGISTER,
      { input: { username: uniqueId('g'), email: existing.email, password: 'long enough pw' } },
      from(client),
    );
    expect(errorOf(probe)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const refused = await graphql(
      stack.gatewayUrl,
      REGISTER,
      {
        input: {
          username: uniqueId('g'),
          email: `${uniqueId('g')}@example.com`,
          password: 'pw pw pw pw',
        },
      },
      from(client),
    );
    expect(errorOf(refused).code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(await account(newClient())).toBeTruthy(); // another client is not affected
  });

  /** Ages a registration: its verification link expired an hour ago, its use two days ago. */
  async function abandon(userId: string): Promise<void> {
    await db.query(
      `UPDATE email_verifications SET expires_at = now() - interval '1 hour' WHERE user_id = $1`,
      [userId],
    );
    await db.query(
      `UPDATE sessions SET created_at = now() - interval '2 days', last_used_at = now() - interval '2 days'
       WHERE user_id = $1`,
      [userId],
    );
  }

  it('releases the username and email of an abandoned unverified registration', async () => {
    const old = await account();
    await abandon(old.id);
    const taker = await account(newClient(), old.name);
    expect(taker.id).not.toBe(old.id);
    const { rows } = await db.query('SELECT id FROM users WHERE id = $1', [old.id]);
    expect(rows).toEqual([]);
    const oldSession = await graphql(
      stack.gatewayUrl,
      gql(`
        mutation LoginThrottleRefresh($t: String!) {
          refreshSession(refreshToken: $t) { accessToken }
        }
      `),
      { t: old.refreshToken },
      from(newClient()),
    );
    expect(errorOf(oldSession).code).toBe('UNAUTHENTICATED');
  });

  it('keeps a registration that is verified, still within its verification period, or used since', async () => {
    const verified = await account();
    await abandon(verified.id);
    await db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [verified.id]);
    const recent = await account();
    const used = await account();
    await abandon(used.id);
    expect((await login(newClient(), used.name, used.password)).errors).toBeUndefined();

    for (const holder of [verified, recent, used]) {
      const again = await graphql(
        stack.gatewayUrl,
        REGISTER,
        { input: { username: holder.name, email: holder.email, password: 'long enough pw' } },
        from(newClient()),
      );
      expect(errorOf(again).code).toBe('BAD_USER_INPUT');
      const { rows } = await db.query('SELECT id FROM users WHERE id = $1', [holder.id]);
      expect(rows).toHaveLength(1);
    }
  });
});
