import { emailTokenCipher } from '@flock/auth';
import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { accountDeleted, createEnvelope, userRegistered } from '@flock/events';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onAccountDeleted, onUserRegistered } from '../src/events/handlers';
import type { MailerDeps } from '../src/events/send-once';
import { PrismaClient } from '../src/generated/prisma/client';

const stack = resolveLocalStack(process.env);
const databaseUrl = databaseUrlFor(stack.postgresUrl, 'mailer_test');
const key = crypto.getRandomValues(new Uint8Array(32));
const emailTokens = emailTokenCipher(key);
const clients: PrismaClient[] = [];

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/mailer/migrations', import.meta.url).pathname,
  });
});
afterAll(() => Promise.all(clients.map((client) => client.$disconnect())));

function connect(): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  clients.push(client);
  return client;
}

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

/** The emails that reached the mail catcher, once at least one has. */
function received(address: string) {
  return pollFor(
    async () => {
      const list = await emailsTo(address);
      return list.length > 0 && list;
    },
    { description: `an email to ${address}` },
  );
}

/**
 * A mailer replica's handler, with its own database connections and SMTP transport. Every
 * message it hands to SMTP is listed in `submitted` (its recipient), whether or not it is
 * accepted: the count of emails sent does not depend on how fast the catcher shows them.
 */
function replica(submitted: string[] = [], smtpUrl = stack.smtpUrl) {
  return onUserRegistered(replicaDeps(submitted, smtpUrl));
}

function replicaDeps(submitted: string[], smtpUrl = stack.smtpUrl): MailerDeps {
  const transport = nodemailer.createTransport(smtpUrl);
  transport.use('stream', (mail, done) => {
    submitted.push(String(mail.data.to));
    done();
  });
  return {
    prisma: connect(),
    transport,
    emailTokens,
    from: 'Flock <no-reply@flock.local>',
    verifyEmailUrl: 'http://app.test/verify',
    resetPasswordUrl: 'http://app.test/reset-password',
    confirmEmailUrl: 'http://app.test/confirm-email',
    logger: testLogger(),
  };
}

describe('the welcome email handler', () => {
  it('sends one email with the verification link, however often the event is replayed', async () => {
    const email = `${uniqueId('mail')}@example.com`;
    const event = await registration(email);
    const submitted: string[] = [];
    const handle = replica(submitted);
    await handle(event);
    await handle(event);
    await handle(event);

    expect(submitted).toEqual([email]);
    const [first, ...more] = await received(email);
    expect(more).toEqual([]);
    expect(first?.text).toContain('http://app.test/verify?token=the-verification-token');
    const recorded = await connect().sentEmail.findUnique({ where: { eventId: event.id } });
    expect(recorded?.recipient).toBe(email);
  });

  it('sends one email when two replicas handle the same event at the same time', async () => {
    // After a consumer group rebalance, two replicas can hold the same event at once. Neither
    // may fail, and only one may send. Several events, so a guard that only usually holds
    // (look, then send, then record) is caught.
    const submitted: string[] = [];
    const [one, two] = [replica(submitted), replica(submitted)];
    const events = await Promise.all(
      Array.from({ length: 5 }, () => registration(`${uniqueId('race')}@example.com`)),
    );
    for (const event of events) await Promise.all([one(event), two(event)]);

    const addresses = events.map((event) => event.payload.email);
    expect(submitted.sort()).toEqual([...addresses].sort());
    for (const address of addresses) expect(await received(address)).toHaveLength(1);
    const recorded = await connect().sentEmail.count({
      where: { eventId: { in: events.map((event) => event.id) } },
    });
    expect(recorded).toBe(events.length);
  });

  it('fails (retried by the consumer until SMTP answers) when SMTP is down, and records nothing', async () => {
    const email = `${uniqueId('mail')}@example.com`;
    const event = await registration(email);
    await expect(replica([], 'smtp://127.0.0.1:1')(event)).rejects.toThrow();
    expect(await connect().sentEmail.findUnique({ where: { eventId: event.id } })).toBeNull();
    // Once SMTP is back, the retry sends it.
    const submitted: string[] = [];
    await replica(submitted)(event);
    expect(submitted).toEqual([email]);
    expect(await received(email)).toHaveLength(1);
  });
});

describe('the account-deleted email handler', () => {
  it('confirms to the address the account had, once however often the event is replayed', async () => {
    const email = `${uniqueId('gone')}@example.com`;
    const event = createEnvelope(
      accountDeleted,
      {
        userId: uuidv7(),
        username: 'ada',
        displayName: 'Ada',
        email,
        deletedAt: new Date().toISOString(),
      },
      { source: 'test' },
    );
    const submitted: string[] = [];
    const handle = onAccountDeleted(replicaDeps(submitted));
    await handle(event);
    await handle(event);
    expect(submitted).toEqual([email]);
    const [only, ...more] = await received(email);
    expect(more).toEqual([]);
    expect(only?.text).toContain('Your Flock account @ada has been deleted');
    const recorded = await connect().sentEmail.findUnique({ where: { eventId: event.id } });
    expect(recorded).toMatchObject({ kind: 'account-deleted', recipient: email });
  });
});
