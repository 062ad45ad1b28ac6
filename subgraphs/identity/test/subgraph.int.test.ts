import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { type RunningService, runSteps } from '@flock/service';
import { testLogger, uniqueId } from '@flock/testing';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentity } from '../src/app';
import { loadIdentityEnv } from '../src/env';

// The subgraph on its own, as the gateway calls it, on a database of its own.
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('identity_subgraph_test');
const logger = testLogger();
let identity: RunningService;

beforeAll(async () => {
  const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/identity/migrations', import.meta.url).pathname,
  });
  identity = await startIdentity(
    loadIdentityEnv({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }),
    logger,
  );
});

afterAll(async () => {
  if (identity) await runSteps(identity.steps, logger);
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

interface Result<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Result<T>> {
  const response = await fetch(`${identity.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Result<T>;
}

interface Member {
  id: string;
  username: string;
  email: string;
  token: string;
}

async function member(displayName: string | null = null): Promise<Member> {
  const username = uniqueId('e');
  // .invalid (RFC 2606): the mailer sends nothing for these registrations.
  const email = `${username}@example.invalid`;
  const result = await graphql<{ register: { accessToken: string; user: { id: string } } }>(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    { input: { username, email, password: 'long enough pw', displayName } },
  );
  expect(result.errors).toBeUndefined();
  const register = result.data?.register;
  if (!register) throw new Error('registration failed');
  return { id: register.user.id, username, email, token: register.accessToken };
}

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on User { id username displayName bio createdAt email emailVerified }
  }
}`;

interface UserEntity {
  __typename: 'User';
  id: string;
  username: string;
  displayName: string | null;
  bio: string | null;
  createdAt: string;
  email: string | null;
  emailVerified: boolean | null;
}

describe('the identity subgraph', () => {
  it('resolves User entities in the order asked, null for unknown and malformed ids', async () => {
    const ada = await member('Ada');
    const bob = await member();
    const representations = [bob.id, uuidv7(), 'not-a-uuid', ada.id].map((id) => ({
      __typename: 'User',
      id,
    }));

    const signedOut = await graphql<{ _entities: (UserEntity | null)[] }>(ENTITIES, {
      representations,
    });
    expect(signedOut.errors).toBeUndefined();
    const [bobEntity, unknown, malformed, adaEntity] = signedOut.data?._entities ?? [];
    expect(bobEntity).toEqual({
      __typename: 'User',
      id: bob.id,
      username: bob.username,
      displayName: null,
      bio: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      email: null,
      emailVerified: null,
    });
    expect(unknown).toBeNull();
    expect(malformed).toBeNull();
    expect(adaEntity).toMatchObject({ id: ada.id, username: ada.username, displayName: 'Ada' });
    expect(adaEntity).toMatchObject({ email: null, emailVerified: null });

    // The owner sees their own email, and only their own.
    const asAda = await graphql<{ _entities: (UserEntity | null)[] }>(
      ENTITIES,
      { representations },
      ada.token,
    );
    expect(asAda.errors).toBeUndefined();
    expect(asAda.data?._entities[0]).toMatchObject({
      id: bob.id,
      email: null,
      emailVerified: null,
    });
    expect(asAda.data?._entities[3]).toMatchObject({
      id: ada.id,
      email: ada.email,
      emailVerified: false,
    });
  });

  it('serves an edited profile to the next _entities request', async () => {
    const ada = await member();
    const update = await graphql<{ updateProfile: { bio: string } }>(
      'mutation { updateProfile(input: { bio: "  Counts things.  " }) { bio } }',
      {},
      ada.token,
    );
    expect(update.data?.updateProfile.bio).toBe('Counts things.');
    const entities = await graphql<{ _entities: UserEntity[] }>(ENTITIES, {
      representations: [{ __typename: 'User', id: ada.id }],
    });
    expect(entities.data?._entities[0]?.bio).toBe('Counts things.');
  });

  it('refuses a user lookup by neither or a malformed id, naming the field', async () => {
    for (const query of ['{ user { id } }', '{ user(id: "1", username: "x") { id } }']) {
      const result = await graphql(query);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
    const malformed = await graphql('{ user(id: "not-a-uuid") { id } }');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('serves its public keys beside the GraphQL endpoint', async () => {
    const response = await fetch(`${identity.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = (await response.json()) as { keys: { kty: string; kid: string }[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', kid: expect.any(String) });
  });
});
