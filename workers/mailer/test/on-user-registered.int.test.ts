import { emailTokenCipher } from '@flock/auth';
import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { createEnvelope, userRegistered } from '@flock/events';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onUserRegistered } from '../src/events/on-user-registered';
import { PrismaClient } from '../src/generated/prisma/client';

const stack = resolveLocalStack(process.env);
const databaseUrl = databaseUrlFor(stack.postgresUrl, 'mailer_test');
const key = crypto.getRandomValues(new Uint8Array(32));
const emailTokens = emailTokenCipher(key);
let prisma: PrismaClient;

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/mailer/migrations', import.meta.url).pathname,
  });
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
});
afterAll(() => prisma?.$disconnect());

async function registration(email: string) {
  return createEnvelope(
    userRegistered,
    {
      userId: uuidv7(),
      username: 'ada',
      displayName: null,
      email,
      registeredAt: new Date().toISOString(),
      emailVerification: {
        encryptedToken: await emailTokens.seal('the-verification-token'),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    },
    { source: 'test' },
  );
}

async function emailsTo(address: string) {
  const response = await fetch(`${stack.mailWebUrl}/api/email`);
  const all = (await response.json()) as { to: { address: string }[]; text: string }[];
  return all.filter((e) => e.to.some((t) => t.address === address));
}

function handler(smtpUrl: string) {
  return onUserRegistered({
    prisma,
    transport: nodemailer.createTransport(smtpUrl),
    emailTokens,
    from: 'Flock <no-reply@flock.local>',
    verifyEmailUrl: 'http://app.test/verify',
    logger: testLogger(),
  });
}

describe('the welcome email handler', () => {
  it('sends one email with the verification link, however often the event is replayed', async () => {
    const email = `${uniqueId('mail')}@example.com`;
    const event = await registration(email);
    const handle = handler(stack.smtpUrl);
    await handle(event);
    await handle(event);
    await Promise.all([handle(event), handle(event)].map((p) => p.catch(() => {})));

    const [received] = await pollFor(async () => {
      const list = await emailsTo(email);
      return list.length > 0 && list;
    });
    expect(received?.text).toContain('http://app.test/verify?token=the-verification-token');
    const recorded = await prisma.sentEmail.findUnique({ where: { eventId: event.id } });
    expect(recorded?.recipient).toBe(email);
    // Give a duplicate every chance to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('fails (to be retried, then dead-lettered) when SMTP is down, and records nothing', async () => {
    const email = `${uniqueId('mail')}@example.com`;
    const event = await registration(email);
    await expect(handler('smtp://127.0.0.1:1').call(null, event)).rejects.toThrow();
    expect(await prisma.sentEmail.findUnique({ where: { eventId: event.id } })).toBeNull();
    // Once SMTP is back, the retry sends it.
    await handler(stack.smtpUrl)(event);
    await pollFor(async () => (await emailsTo(email)).length === 1);
  });
});
