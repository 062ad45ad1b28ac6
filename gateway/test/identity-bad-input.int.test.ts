import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadSigningKey, type SigningKey, signAccessToken } from '@flock/auth';
import { localStack } from '@flock/env';
import { uniqueId } from '@flock/testing';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import type { RegisterInput } from './__generated__/graphql';
import { errorOf, graphql, startTestStack, type TestStack, testDatabasePool } from './harness';

let stack: TestStack;
const db = testDatabasePool('identity');

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
  await db.end();
});

const REGISTER = gql(`
  mutation IdentityRegister($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id username } }
  }
`);
const LOGIN = gql(`
  mutation IdentityLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }
`);
const ME = gql(`
  query IdentityMe { me { id } }
`);
const REFRESH = gql(`
  mutation IdentityRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }
`);

interface Account {
  name: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  id: string;
}

function register(overrides: Partial<RegisterInput> = {}) {
  const name = uniqueId('u');
  return graphql(stack.gatewayUrl, REGISTER, {
    input: {
      username: name,
      email: `${name}@example.com`,
      password: 'long enough pw',
      ...overrides,
    },
  });
}

async function account(): Promise<Account> {
  const name = uniqueId('u');
  const email = `${name}@example.com`;
  const password = 'long enough pw';
  const response = await graphql(stack.gatewayUrl, REGISTER, {
    input: { username: name, email, password },
  });
  const session = response.data?.register;
  if (!session) throw new Error(`registration failed: ${JSON.stringify(response.errors)}`);
  return {
    name,
    email,
    password,
    id: session.user.id,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

describe('registration input', () => {
  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'input.email'],
    ['a short username', { username: 'ab' }, 'input.username'],
    ['a username with other characters', { username: 'ada-lovelace' }, 'input.username'],
    ['a long username', { username: 'a'.repeat(31) }, 'input.username'],
    ['a short password', { password: 'short' }, 'input.password'],
    ['a long password', { password: 'x'.repeat(129) }, 'input.password'],
    ['an overlong display name', { displayName: 'x'.repeat(51) }, 'input.displayName'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, overrides, field) => {
    const response = await register(overrides);
    expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.data).toBeNull();
  });

  it('rejects a username or email already taken, whatever their case', async () => {
    const existing = await account();
    const sameName = await register({ username: existing.name.toUpperCase() });
    expect(errorOf(sameName)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.username' });
    const sameEmail = await register({ email: existing.email.toUpperCase() });
    expect(errorOf(sameEmail)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });

  it('creates one account when the same registration races with itself', async () => {
    const name = uniqueId('race');
    const input = { username: name, email: `${name}@example.com`, password: 'long enough pw' };
    const results = await Promise.all(
      [1, 2, 3].map(() => graphql(stack.gatewayUrl, REGISTER, { input })),
    );
    expect(results.filter((r) => r.data?.register).length).toBe(1);
    for (const failed of results.filter((r) => r.errors))
      expect(errorOf(failed).code).toBe('BAD_USER_INPUT');
    const { rows } = await db.query('SELECT count(*)::int AS n FROM users WHERE username = $1', [
      name,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('stores no password, refresh token or verification token in plain text', async () => {
    const user = await account();
    const { rows: users } = await db.query('SELECT password_hash FROM users WHERE id = $1', [
      user.id,
    ]);
    expect(users[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const { rows: tokens } = await db.query(
      'SELECT token_hash FROM refresh_tokens WHERE user_id = $1',
      [user.id],
    );
    expect(tokens.map((t) => t.token_hash)).toEqual([
      createHash('sha256').update(user.refreshToken).digest('hex'),
    ]);
    const { rows: outbox } = await db.query(
      "SELECT envelope::text AS text FROM outbox_events WHERE envelope->'payload'->>'userId' = $1",
      [user.id],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0].text).not.toContain(user.password);
    const sealed = JSON.parse(outbox[0].text).payload.emailVerification.encryptedToken as string;
    expect(sealed.split('.')).toHaveLength(5); // a JWE, not a token
  });

  it("carries the caller's correlation id into the user-registered event", async () => {
    const name = uniqueId('u');
    const correlationId = uniqueId('corr');
    const response = await graphql(
      stack.gatewayUrl,
      REGISTER,
      { input: { username: name, email: `${name}@example.com`, password: 'long enough pw' } },
      { correlationId },
    );
    const { rows } = await db.query(
      "SELECT envelope->>'correlationId' AS id FROM outbox_events WHERE envelope->'payload'->>'userId' = $1",
      [response.data?.register.user.id],
    );
    expect(rows).toEqual([{ id: correlationId }]);
  });
});

describe('login', () => {
  it('gives the same error for a wrong password and for an unknown account', async () => {
    const user = await account();
    const wrong = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: user.name, password: 'wrong password' },
    });
    const unknown = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: uniqueId('nobody'), password: 'wrong password' },
    });
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
    expect(errorOf(wrong)).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Invalid login or password',
    });
  });

  it('limits failed attempts per account, existing or not', async () => {
    for (const login of [(await account()).name, uniqueId('ghost')]) {
      for (let i = 0; i < 10; i++) {
        const r = await graphql(stack.gatewayUrl, LOGIN, {
          input: { login, password: 'wrong password' },
        });
        expect(errorOf(r).code).toBe('UNAUTHENTICATED');
      }
      const blocked = await graphql(stack.gatewayUrl, LOGIN, {
        input: { login, password: 'wrong password' },
      });
      expect(errorOf(blocked).code).toBe('RATE_LIMITED');
    }
  });
});

describe('access tokens at the gateway', () => {
  const audience = { iss: 'urn:flock:identity', aud: 'urn:flock:api' };

  async function forged(kind: string, userId: string): Promise<string> {
    const devKey = await loadSigningKey({
      devKeyFile: join(localStack.devKeysDir, 'identity-signing.jwk'),
    });
    const now = Math.floor(Date.now() / 1000);
    const claims = { sid: 'any', ...audience };
    const sign = (
      privateKey: SigningKey['privateKey'],
      payload: { sid: string; iss: string; aud: string },
      exp = now + 600,
    ) =>
      signAccessToken(
        { kid: devKey.kid, privateKey },
        {
          sub: userId,
          sid: payload.sid,
          issuer: payload.iss,
          audience: payload.aud,
          issuedAt: now - 5,
          expiresAt: exp,
        },
      );
    switch (kind) {
      case 'expired':
        return sign(devKey.privateKey, claims, now - 30);
      case 'wrong issuer':
        return sign(devKey.privateKey, { ...claims, iss: 'urn:someone-else' });
      case 'wrong audience':
        return sign(devKey.privateKey, { ...claims, aud: 'urn:another-api' });
      case 'another key':
        return sign((await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey, claims);
      case 'alg none': {
        const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc({ ...claims, sub: userId, iat: now, exp: now + 600 })}.`;
      }
      case 'tampered': {
        const [h, , s] = (await sign(devKey.privateKey, claims)).split('.');
        const payload = Buffer.from(
          JSON.stringify({ ...claims, sub: userId, iat: now, exp: now + 9999 }),
        ).toString('base64url');
        return `${h}.${payload}.${s}`;
      }
      default:
        throw new Error(kind);
    }
  }

  it('answers `me` without a token with UNAUTHENTICATED', async () => {
    const response = await graphql(stack.gatewayUrl, ME);
    expect(errorOf(response).code).toBe('UNAUTHENTICATED');
  });

  it.each(['expired', 'tampered', 'alg none', 'another key', 'wrong issuer', 'wrong audience'])(
    'rejects a token that is %s, at the gateway and at the subgraph',
    async (kind) => {
      const user = await account();
      const token = await forged(kind, user.id);
      const atGateway = await graphql(stack.gatewayUrl, ME, {}, { token });
      expect(atGateway.status).toBe(401);
      expect(errorOf(atGateway).code).toBe('UNAUTHENTICATED');
      // The subgraph does not trust the gateway: it verifies the same token again.
      const atSubgraph = await graphql(stack.identityUrl, ME, {}, { token });
      expect(errorOf(atSubgraph).code).toBe('UNAUTHENTICATED');
    },
  );

  it('rejects an Authorization header that is not a Bearer token', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      gql(`
        query IdentityTypename { __typename }
      `),
      {},
      { authorization: 'Basic Zm9vOmJhcg==' },
    );
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('UNAUTHENTICATED');
  });
});

describe('sessions, profile and email verification', () => {
  it('rejects an unknown or malformed refresh token', async () => {
    const unknown = await graphql(stack.gatewayUrl, REFRESH, { t: 'A'.repeat(43) });
    expect(errorOf(unknown).code).toBe('UNAUTHENTICATED');
    const malformed = await graphql(stack.gatewayUrl, REFRESH, { t: 'not a token!' });
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'refreshToken' });
  });

  it('validates profile updates and requires a token', async () => {
    const user = await account();
    const UPDATE = gql(`
      mutation IdentityUpdateProfile($input: UpdateProfileInput!) {
        updateProfile(input: $input) { displayName bio }
      }
    `);
    const anonymous = await graphql(stack.gatewayUrl, UPDATE, { input: { bio: 'hi' } });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const longBio = await graphql(
      stack.gatewayUrl,
      UPDATE,
      { input: { bio: 'x'.repeat(301) } },
      { token: user.accessToken },
    );
    expect(errorOf(longBio)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.bio' });
    const longName = await graphql(
      stack.gatewayUrl,
      UPDATE,
      { input: { displayName: 'x'.repeat(51) } },
      { token: user.accessToken },
    );
    expect(errorOf(longName)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.displayName' });
    const ok = await graphql(
      stack.gatewayUrl,
      UPDATE,
      { input: { displayName: ' Ada ', bio: 'math\npoetry' } },
      { token: user.accessToken },
    );
    expect(ok.data?.updateProfile).toEqual({ displayName: 'Ada', bio: 'math\npoetry' });
  });

  it('shows email to its owner only and finds users by id or username', async () => {
    const owner = await account();
    const other = await account();
    const query = gql(`
      query IdentityUserEmail($u: String) { user(username: $u) { id username email } }
    `);
    const asOwner = await graphql(
      stack.gatewayUrl,
      query,
      { u: owner.name.toUpperCase() },
      { token: owner.accessToken },
    );
    expect(asOwner.data?.user).toEqual({ id: owner.id, username: owner.name, email: owner.email });
    const asOther = await graphql(
      stack.gatewayUrl,
      query,
      { u: owner.name },
      { token: other.accessToken },
    );
    expect(asOther.data?.user).toMatchObject({ id: owner.id });
    expect(asOther.data?.user?.email).toBeNull();
    const both = await graphql(
      stack.gatewayUrl,
      gql(`
        query IdentityUserByBoth($id: ID, $u: String) { user(id: $id, username: $u) { id } }
      `),
      { id: owner.id, u: owner.name },
    );
    expect(errorOf(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const badId = await graphql(
      stack.gatewayUrl,
      gql(`
        query IdentityUserBadId { user(id: "42") { id } }
      `),
    );
    expect(errorOf(badId)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const missing = await graphql(
      stack.gatewayUrl,
      gql(`
        query IdentityUserMissing($u: String) { user(username: $u) { id } }
      `),
      { u: uniqueId('nobody') },
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.user).toBeNull();
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const user = await account();
    const other = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: user.name, password: user.password },
    });
    const otherRefreshToken = other.data?.login.refreshToken;
    if (!otherRefreshToken) throw new Error(`login failed: ${JSON.stringify(other.errors)}`);
    const CHANGE = gql(`
      mutation IdentityChangePassword($c: String!, $n: String!) {
        changePassword(currentPassword: $c, newPassword: $n)
      }
    `);
    const wrong = await graphql(
      stack.gatewayUrl,
      CHANGE,
      { c: 'not it at all', n: 'a new password' },
      { token: user.accessToken },
    );
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const weak = await graphql(
      stack.gatewayUrl,
      CHANGE,
      { c: user.password, n: 'short' },
      { token: user.accessToken },
    );
    expect(errorOf(weak)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const changed = await graphql(
      stack.gatewayUrl,
      CHANGE,
      { c: user.password, n: 'a new password' },
      { token: user.accessToken },
    );
    expect(changed.data?.changePassword).toBe(true);

    const otherSession = await graphql(stack.gatewayUrl, REFRESH, { t: otherRefreshToken });
    expect(errorOf(otherSession).code).toBe('UNAUTHENTICATED');
    const thisSession = await graphql(stack.gatewayUrl, REFRESH, { t: user.refreshToken });
    expect(thisSession.data?.refreshSession.accessToken).toBeTruthy();
    const oldPassword = await graphql(stack.gatewayUrl, LOGIN, {
      input: { login: user.name, password: user.password },
    });
    expect(errorOf(oldPassword).code).toBe('UNAUTHENTICATED');
  });

  it('rejects an invalid or expired verification token', async () => {
    const VERIFY = gql(`
      mutation IdentityVerifyEmail($t: String!) { verifyEmail(token: $t) { id } }
    `);
    const unknown = await graphql(stack.gatewayUrl, VERIFY, { t: 'B'.repeat(43) });
    expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const malformed = await graphql(stack.gatewayUrl, VERIFY, { t: '<script>' });
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    // An expired one: plant a known token's hash, already past its expiry.
    const user = await account();
    const token = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO email_verifications (id, user_id, email, token_hash, expires_at)
       VALUES (gen_random_uuid(), $1, $2, $3, now() - interval '1 hour')`,
      [user.id, user.email, createHash('sha256').update(token).digest('hex')],
    );
    const expired = await graphql(stack.gatewayUrl, VERIFY, { t: token });
    expect(errorOf(expired)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
      message: 'token: has expired',
    });
  });
});

describe('request limits', () => {
  it('refuses queries that are too deep or use too many aliases, with 400 and a code of their own', async () => {
    let inner = 'id';
    for (let i = 0; i < 4; i++) inner = `id posts { edges { node { author { ${inner} } } } }`;
    const tooDeep = await graphql(stack.gatewayUrl, `{ me { ${inner} } }`);
    expect(tooDeep.status).toBe(400);
    expect(errorOf(tooDeep)).toMatchObject({ code: 'QUERY_TOO_DEEP' });
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: user(username: "x") { id }`).join(
      ' ',
    );
    const tooManyAliases = await graphql(stack.gatewayUrl, `{ ${aliases} }`);
    expect(tooManyAliases.status).toBe(400);
    expect(errorOf(tooManyAliases)).toMatchObject({ code: 'TOO_MANY_ALIASES' });
    expect(errorOf(tooManyAliases).message).toMatch(/aliases/i);
  });

  it('refuses a body over the limit with 413 before parsing it', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('blocks a GET mutation-less request without a CSRF-safe header (CSRF prevention)', async () => {
    const response = await fetch(
      `${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});
