import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveLocalStack } from '@flock/env';
import {
  createEnvelope,
  type Envelope,
  type OutboxRelay,
  type OutboxRelayOptions,
  startOutboxRelay,
  userRegistered,
} from '@flock/events';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor, migrate, postgresOutbox, type RawSqlClient } from '../src';

// A database of its own (identity's migrations: outbox_events and outbox_lease), so no other
// relay takes these rows. The store runs on a pg pool here; identity's test runs it on Prisma.
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('outbox_lease_test');
const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
const logger = testLogger();
let pool: pg.Pool;
let client: RawSqlClient;
const running: OutboxRelay[] = [];

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/identity/migrations', import.meta.url).pathname,
  });
  pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  client = {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await pool.query(query, values)).rows as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
      (await pool.query(query, values)).rowCount ?? 0,
  };
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((relay) => relay.stop()));
  await pool.query('DELETE FROM outbox_events');
});

afterAll(async () => {
  await pool?.end();
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

/** Writes `count` events to the outbox, oldest first; returns their ids in that order. */
async function writeEvents(count: number): Promise<string[]> {
  const base = Date.now();
  const events = Array.from({ length: count }, () => {
    const userId = randomUUID();
    return createEnvelope(
      userRegistered,
      {
        userId,
        username: 'lease_user',
        displayName: null,
        email: `${userId}@example.com`,
        registeredAt: new Date().toISOString(),
        emailVerification: { encryptedToken: 'sealed', expiresAt: new Date().toISOString() },
      },
      { source: 'identity' },
    );
  });
  await pool.query(
    `INSERT INTO outbox_events (id, topic, envelope, created_at)
     SELECT e.id, e.topic, e.envelope, to_timestamp(($4::bigint + e.n) / 1000.0)
     FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS e(id, topic, envelope, n)`,
    [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e), base],
  );
  return events.map((e) => e.id);
}

/** A publisher that appends what it is sent to `sent` (after `delayMs`), in send order. */
function capturing(sent: string[], delayMs = 0): OutboxRelayOptions['publisher'] {
  return {
    ready: async () => {},
    send: async (_topic: unknown, envelopes: Envelope<unknown>[]) => {
      if (delayMs > 0) await sleep(delayMs);
      sent.push(...envelopes.map((e) => e.id));
    },
  };
}

function relay(options: Omit<OutboxRelayOptions, 'logger'>): OutboxRelay {
  const started = startOutboxRelay({ logger, intervalMs: 20, standbyIntervalMs: 50, ...options });
  running.push(started);
  return started;
}

async function pendingCount(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
  );
  return rows[0]?.n ?? 0;
}

describe('the Postgres outbox lease', () => {
  it('is held by one holder at a time, renewed by it, and free once released', async () => {
    const name = uniqueId('lease');
    const a = postgresOutbox(client, { name, holder: 'a' });
    const b = postgresOutbox(client, { name, holder: 'b' });
    expect(await a.acquireLease()).toBe(true);
    expect(await b.acquireLease()).toBe(false);
    expect(await a.acquireLease()).toBe(true); // renewal
    expect(await b.acquireLease()).toBe(false);
    await b.releaseLease(); // not b's: changes nothing
    expect(await b.acquireLease()).toBe(false);
    await a.releaseLease();
    expect(await b.acquireLease()).toBe(true);
    expect(await a.acquireLease()).toBe(false);
  });

  it('goes to exactly one of relays asking at the same moment', async () => {
    for (let round = 0; round < 30; round++) {
      const name = uniqueId('race');
      const stores = Array.from({ length: 5 }, (_, i) =>
        postgresOutbox(client, { name, holder: `h${i}` }),
      );
      const won = await Promise.all(stores.map((s) => s.acquireLease()));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('expires when its holder stops renewing, and another holder takes it', async () => {
    const name = uniqueId('expiry');
    const hung = postgresOutbox(client, { name, holder: 'hung', leaseMs: 600 });
    const next = postgresOutbox(client, { name, holder: 'next', leaseMs: 600 });
    expect(await hung.acquireLease()).toBe(true);
    expect(await next.acquireLease()).toBe(false);
    await pollFor(() => next.acquireLease(), { description: 'the lease to expire' });
    expect(await hung.acquireLease()).toBe(false);
  });
});

describe('the Postgres outbox relay', () => {
  it('publishes each event exactly once, in order, when two relays start together', async () => {
    const ids = await writeEvents(300);
    const name = uniqueId('two');
    const sent: string[] = [];
    const relays = [0, 1].map((i) =>
      relay({
        store: postgresOutbox(client, { name, holder: `relay-${i}` }),
        publisher: capturing(sent, 2),
        batchSize: 25,
      }),
    );
    await pollFor(() => sent.length >= 100, { description: 'a third published' });
    const more = await writeEvents(100); // written while the relays run
    await pollFor(async () => (await pendingCount()) === 0, { description: 'the outbox to drain' });
    expect(sent).toEqual([...ids, ...more]);
    expect(relays.filter((r) => r.isPublishing())).toHaveLength(1);
    expect(relays.every((r) => r.isHealthy())).toBe(true); // the one standing by is fine
  });

  it('hands over on stop: the other relay goes on where it stopped, each event once', async () => {
    const ids = await writeEvents(200);
    const name = uniqueId('handover');
    const sent: string[] = [];
    const first = relay({
      store: postgresOutbox(client, { name, holder: 'first' }),
      publisher: capturing(sent, 5),
      batchSize: 10,
    });
    await pollFor(() => first.isPublishing(), { description: 'the first relay to publish' });
    const second = relay({
      store: postgresOutbox(client, { name, holder: 'second' }),
      publisher: capturing(sent, 5),
      batchSize: 10,
    });
    await pollFor(() => sent.length >= 50, { description: 'some published' });
    expect(second.isPublishing()).toBe(false);
    await first.stop();
    await pollFor(async () => (await pendingCount()) === 0, { description: 'the outbox to drain' });
    expect(second.isPublishing()).toBe(true);
    expect(sent).toEqual(ids);
  });

  it('publishes a batch that takes longer than a transaction may once, not again', async () => {
    const ids = await writeEvents(20);
    const name = uniqueId('slow');
    const sent: string[] = [];
    const slow = relay({
      store: postgresOutbox(client, { name, holder: 'slow' }),
      publisher: capturing(sent, 6_000), // the old outbox ran in a 5 s transaction
    });
    await pollFor(() => slow.isPublishing(), { description: 'the slow relay to publish' });
    // Another replica meanwhile: it stands by, and publishes nothing of the batch in flight.
    relay({ store: postgresOutbox(client, { name, holder: 'other' }), publisher: capturing(sent) });
    await pollFor(async () => (await pendingCount()) === 0, {
      description: 'the outbox to drain',
      timeoutMs: 20_000,
    });
    await sleep(300);
    expect(sent).toEqual(ids);
    expect(slow.isHealthy()).toBe(true);
  });

  it('takes over from a holder that stopped renewing once its lease expired, not before', async () => {
    const ids = await writeEvents(10);
    const name = uniqueId('takeover');
    const hung = postgresOutbox(client, { name, holder: 'hung', leaseMs: 1_500 });
    const started = Date.now(); // the lease runs out 1.5 s after this at the earliest
    expect(await hung.acquireLease()).toBe(true); // and never renewed or released
    const sent: string[] = [];
    const next = relay({
      store: postgresOutbox(client, { name, holder: 'next', leaseMs: 1_500 }),
      publisher: capturing(sent),
    });
    expect(await next.pending()).toBe(10);
    await pollFor(() => sent.length === 10, { description: 'the events published' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(sent).toEqual(ids);
    expect(await next.pending()).toBe(0);
  });

  it('leaves events unpublished, and the lease free, while publishing fails', async () => {
    const ids = await writeEvents(3);
    const name = uniqueId('failing');
    const store = postgresOutbox(client, { name, holder: 'failing' });
    const failing = relay({
      store,
      publisher: {
        ready: async () => {},
        send: async () => {
          throw new Error('KafkaJSConnectionError: connect ECONNREFUSED');
        },
      },
    });
    await pollFor(() => !failing.isHealthy(), { description: 'the relay to fail' });
    expect(await failing.pending()).toBe(3);
    // It let the lease go, so a replica that can publish takes over without waiting.
    const sent: string[] = [];
    relay({
      store: postgresOutbox(client, { name, holder: 'working' }),
      publisher: capturing(sent),
    });
    await pollFor(() => sent.length === 3, { description: 'the working relay to publish' });
    expect(sent).toEqual(ids);
  });
});

describe('the Postgres outbox backlog and trace context', () => {
  it('reports how many rows wait and the age of the oldest', async () => {
    const store = postgresOutbox(client);
    expect(await store.backlog()).toEqual({ count: 0, oldestAgeSeconds: 0 });
    const [oldest] = await writeEvents(3);
    // 31 s: `now()` of this statement and of the backlog's query come from two connections,
    // whose clocks were once seen 53 µs apart (an age of 29.999947 s for 30).
    await pool.query(
      "UPDATE outbox_events SET created_at = now() - interval '31 seconds' WHERE id = $1",
      [oldest],
    );
    const waiting = await store.backlog();
    expect(waiting.count).toBe(3);
    expect(waiting.oldestAgeSeconds).toBeGreaterThanOrEqual(30);
    expect(waiting.oldestAgeSeconds).toBeLessThan(60);
    await store.markPublished([oldest as string]);
    const after = await store.backlog();
    expect(after.count).toBe(2);
    expect(after.oldestAgeSeconds).toBeLessThan(30);
  });

  it("hands the relay's publisher each row's trace context (none for an untraced row)", async () => {
    const [traced] = await writeEvents(2); // the second stays untraced
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await pool.query('UPDATE outbox_events SET trace_context = $2 WHERE id = $1', [
      traced,
      { traceparent },
    ]);
    const contexts: unknown[] = [];
    relay({
      store: postgresOutbox(client),
      publisher: {
        ready: async () => {},
        send: async (_topic: unknown, _envelopes: unknown[], traceContexts = []) => {
          contexts.push(...traceContexts);
        },
      },
    });
    await pollFor(() => contexts.length === 2, { description: 'both rows published' });
    expect(contexts).toEqual([{ traceparent }, null]);
  });
});
