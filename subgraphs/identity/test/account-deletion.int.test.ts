import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { accountDeleted } from '@flock/events';
import { INVALIDATION_EXTENSION } from '@flock/graphql';
import { type RunningService, runSteps } from '@flock/service';
import { testLogger, uniqueId } from '@flock/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentity } from '../src/app';
import { loadIdentityEnv } from '../src/env';

// deleteAccount in the subgraph on its own, on a database of its own (no relay publishes).
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('identity_deletion_test');
const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
const logger = testLogger();
const db = new pg.Pool({ connectionString: databaseUrl });
let identity: RunningService;

beforeAll(async () => {
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
  await db.end();
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

interface Result<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  extensions?: Record<string, unknown>;
}

async function graphql<T>(query: string, variables = {}, token?: string): Promise<Result<T>> {
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

const PASSWORD = 'long enough pw';
const DELETE = 'mutation($password: String) { deleteAccount(password: $password) }';

async function member() {
  const username = uniqueId('del');
  const email = `${username}@example.invalid`;
  const result = await graphql<{ register: { accessToken: string; user: { id: string } } }>(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    { input: { username, email, password: PASSWORD } },
  );
  const register = result.data?.register;
  if (!register) throw new Error(`registration failed: ${JSON.stringify(result.errors)}`);
  return { id: register.user.id, username, email, token: register.accessToken };
}

const count = async (sql: string, id: string) =>
  Number((await db.query(sql, [id])).rows[0]?.n ?? -1);

describe('deleteAccount in identity', () => {
  it('removes the account, its sessions and links, and writes the event in the same transaction', async () => {
    const user = await member();
    await graphql('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
      input: { login: user.username, password: PASSWORD },
    });
    expect(await count('SELECT count(*) AS n FROM sessions WHERE user_id = $1', user.id)).toBe(2);

    const result = await graphql<{ deleteAccount: boolean }>(
      DELETE,
      { password: PASSWORD },
      user.token,
    );
    expect(result.data).toEqual({ deleteAccount: true });
    // The gateway evicts the User entity from every replica's cache.
    expect(result.extensions?.[INVALIDATION_EXTENSION]).toEqual([
      { __typename: 'User', id: user.id },
    ]);

    for (const table of ['users', 'sessions', 'refresh_tokens', 'email_verifications']) {
      const column = table === 'users' ? 'id' : 'user_id';
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, user.id)).toBe(
        0,
      );
    }
    const { rows } = await db.query(
      "SELECT topic, envelope FROM outbox_events WHERE envelope->'payload'->>'userId' = $1 AND topic = $2",
      [user.id, accountDeleted.name],
    );
    expect(rows).toHaveLength(1);
    expect(accountDeleted.schema.parse(rows[0].envelope.payload)).toMatchObject({
      userId: user.id,
      username: user.username,
      email: user.email,
    });

    // Its token: nothing more to delete, no `me`.
    const again = await graphql(DELETE, { password: PASSWORD }, user.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await graphql('{ me { id } }', {}, user.token);
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("limits wrong passwords per account, sharing changePassword's budget", async () => {
    const user = await member();
    for (let i = 0; i < 10; i++) {
      const wrong = await graphql(DELETE, { password: `wrong ${i}` }, user.token);
      expect(wrong.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'password',
      });
    }
    const limited = await graphql(DELETE, { password: PASSWORD }, user.token);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await count('SELECT count(*) AS n FROM users WHERE id = $1', user.id)).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM outbox_events WHERE envelope->'payload'->>'userId' = $1 AND topic = 'identity.account-deleted.v1'",
        user.id,
      ),
    ).toBe(0);
  });
});
