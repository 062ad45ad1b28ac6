import { randomBytes } from 'node:crypto';
import { emailTokenCipher, generatePrivateJwk, loadSigningKey } from '@flock/auth';
import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { uniqueId } from '@flock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenIssuer } from '../src/domain/access-tokens';
import { Accounts } from '../src/domain/accounts';
import type { CredentialThrottle } from '../src/domain/credential-throttle';
import { hashPassword } from '../src/domain/passwords';
import { Sessions } from '../src/domain/sessions';
import { PrismaClient } from '../src/generated/prisma/client';

// Accounts.register's options, used only by the demo seeder (infra/seed): a registration time
// in the past and an argon2id hash computed once for many accounts. The domain on a database
// of its own.
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('identity_register_test');
const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
let prisma: PrismaClient;
let accounts: Accounts;

const unthrottled: CredentialThrottle = { begin: async () => ({ succeeded: async () => {} }) };
const caller = { client: '127.0.0.1' };

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/identity/migrations', import.meta.url).pathname,
  });
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const signingKey = await loadSigningKey({
    privateJwk: JSON.stringify(await generatePrivateJwk()),
    devKeyFile: '/nonexistent/unused',
  });
  accounts = new Accounts({
    prisma,
    sessions: new Sessions({
      prisma,
      issueAccessToken: accessTokenIssuer(signingKey, {
        issuer: 'urn:test',
        audience: 'urn:test',
        ttlSeconds: 600,
      }),
      refreshTokenKey: randomBytes(32),
      refreshTtlDays: 30,
      reuseGraceSeconds: 10,
    }),
    emailTokens: emailTokenCipher(randomBytes(32)),
    loginThrottle: unthrottled,
    passwordChangeThrottle: unthrottled,
    registrationLimit: async () => {},
    verificationEmailLimit: async () => {},
    verificationTtlHours: 48,
  });
});

afterAll(async () => {
  await prisma?.$disconnect();
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

function input(password: string) {
  const username = uniqueId('r');
  return { username, email: `${username}@example.invalid`, password };
}

async function registrationEvent(userId: string) {
  const rows = await prisma.outboxEvent.findMany({
    where: { topic: 'identity.user-registered.v1' },
  });
  const row = rows.find(
    (r) => (r.envelope as { payload: { userId: string } }).payload.userId === userId,
  );
  return (row?.envelope as { payload: { registeredAt: string } } | undefined)?.payload;
}

describe('Accounts.register options (the demo seeder)', () => {
  it('registers an account as of a past time; its verification link still runs from now', async () => {
    const registeredAt = new Date(Date.now() - 40 * 86_400_000);
    const { user } = await accounts.register(input('long enough pw'), caller, { registeredAt });

    expect(user.createdAt).toEqual(registeredAt);
    expect((await registrationEvent(user.id))?.registeredAt).toBe(registeredAt.toISOString());
    const link = await prisma.emailVerification.findFirstOrThrow({ where: { userId: user.id } });
    const hoursLeft = (link.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(47);
    expect(hoursLeft).toBeLessThanOrEqual(48);
  });

  it('stores a precomputed hash of the password, with which the account signs in', async () => {
    const shared = await hashPassword('shared demo pw');
    const first = input('shared demo pw');
    const second = input('shared demo pw');
    const a = await accounts.register(first, caller, { passwordHash: shared });
    const b = await accounts.register(second, caller, { passwordHash: shared });

    expect(a.user.passwordHash).toBe(shared);
    expect(b.user.passwordHash).toBe(shared);
    const signedIn = await accounts.login(
      { login: second.username, password: 'shared demo pw' },
      caller,
    );
    expect(signedIn.user.id).toBe(b.user.id);
  });

  it('without options, registers now and hashes the password itself', async () => {
    const before = Date.now();
    const { user } = await accounts.register(input('another long pw'), caller);

    expect(user.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await registrationEvent(user.id))?.registeredAt).toBe(user.createdAt.toISOString());
  });
});
