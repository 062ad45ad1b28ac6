import { databaseUrlFor, migrate, outboxRowOf, postgresOutbox } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import {
  createEnvelope,
  createKafka,
  type Envelope,
  EventPublisher,
  on,
  type RunningConsumer,
  startConsumer,
  startOutboxRelay,
  userRegistered,
} from '@flock/events';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../src/generated/prisma/client';

// A database of its own: no other relay may take these rows.
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('outbox_test');
const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
const logger = testLogger();
const kafka = createKafka({ clientId: 'outbox-test', brokers: [stack.kafkaBroker], logger });
let prisma: PrismaClient;
let consumer: RunningConsumer | undefined;

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/identity/migrations', import.meta.url).pathname,
  });
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
});

afterAll(async () => {
  await consumer?.stop();
  await prisma?.$disconnect();
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

function registration() {
  const userId = uuidv7();
  return createEnvelope(
    userRegistered,
    {
      userId,
      username: 'outbox_user',
      displayName: null,
      email: `${userId}@example.com`,
      registeredAt: new Date().toISOString(),
      emailVerification: { encryptedToken: 'sealed', expiresAt: new Date().toISOString() },
    },
    { source: 'identity' },
  );
}

describe('the identity outbox', () => {
  it('keeps events while Kafka is unreachable and publishes them once it answers', async () => {
    const events = [registration(), registration()];
    await prisma.outboxEvent.createMany({ data: events.map(outboxRowOf) });
    const store = postgresOutbox(prisma);

    // Kafka down: the relay cannot connect, so it takes no lease and marks nothing sent.
    const unreachable = EventPublisher.lazy(kafka, 'identity', async () => {
      throw new Error('KafkaJSConnectionError: connect ECONNREFUSED');
    });
    const waiting = startOutboxRelay({ store, publisher: unreachable, logger, intervalMs: 50 });
    try {
      await pollFor(() => !waiting.isHealthy(), { description: 'the relay to fail' });
      await expect(waiting.readiness()).rejects.toThrow(/Kafka/);
      expect(waiting.isPublishing()).toBe(false);
      expect(await waiting.pending()).toBe(2);
    } finally {
      await waiting.stop();
    }
    expect(await prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(2);

    // Kafka back: the relay publishes both and marks them. (Two users: two keys, so two
    // partitions may hold them, and only each user's own events are ordered — hence the sort.)
    const received: Envelope<unknown>[] = [];
    const ids = new Set(events.map((e) => e.id));
    consumer = await startConsumer({
      kafka,
      groupId: uniqueId('outbox-test'),
      logger,
      subscriptions: [
        on(userRegistered, async (event) => {
          if (ids.has(event.id)) received.push(event);
        }),
      ],
    });
    await pollFor(() => consumer?.isReady(), { description: 'the consumer to join' });
    const publisher = await EventPublisher.connect(kafka, 'identity');
    const relay = startOutboxRelay({ store, publisher, logger, intervalMs: 50 });
    try {
      await pollFor(
        async () => (await prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0,
        {
          description: 'the outbox to drain',
        },
      );
      await pollFor(() => received.length === 2, { description: 'both events on Kafka' });
      expect(received.map((e) => e.id).sort()).toEqual([...ids].sort());
      expect(received[0]).toEqual(events.find((e) => e.id === received[0]?.id));
    } finally {
      await relay.stop();
      await publisher.disconnect();
    }
  });

  it('gives its lease to one of several relays asking together (through Prisma)', async () => {
    const name = uniqueId('lease');
    for (let round = 0; round < 10; round++) {
      const stores = [0, 1, 2].map((i) =>
        postgresOutbox(prisma, { name: `${name}-${round}`, holder: `h${i}` }),
      );
      const won = await Promise.all(stores.map((s) => s.acquireLease()));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });
});
