import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveLocalStack } from '@flock/env';
import {
  createEnvelope,
  type Envelope,
  type OutboxRelay,
  type OutboxRelayOptions,
  startOutboxRelay,
  userFollowed,
} from '@flock/events';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { neo4jOutbox, outboxNodeOf } from '../src/events/neo4j-outbox';

// The shared Neo4j: lock names and the pending label are this run's own, so no relay of
// another test (or of a running network service) publishes these events, nor this one theirs.
const stack = resolveLocalStack(process.env);
const driver = neo4j.driver(stack.neo4jUri);
const logger = testLogger();
const prefix = uniqueId('lease');
const pendingLabel = `TestPending_${prefix.replace(/[^A-Za-z0-9_]/g, '_')}`;
const running: OutboxRelay[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((relay) => relay.stop()));
});

afterAll(async () => {
  await driver.executeQuery('MATCH (l:OutboxLock) WHERE l.name STARTS WITH $prefix DELETE l', {
    prefix,
  });
  await driver.executeQuery('MATCH (e:OutboxEvent) WHERE e.testRun = $prefix DETACH DELETE e', {
    prefix,
  });
  await driver.close();
});

function lockName(): string {
  return `${prefix}-${randomUUID()}`;
}

/** Writes `count` pending events (as follow/unfollow do), oldest first; returns their ids. */
async function writeEvents(count: number): Promise<string[]> {
  const nodes = Array.from({ length: count }, () =>
    outboxNodeOf(
      createEnvelope(
        userFollowed,
        {
          followerId: randomUUID(),
          followeeId: randomUUID(),
          followedAt: new Date().toISOString(),
        },
        { source: 'network' },
      ),
    ),
  );
  await driver.executeQuery(
    `UNWIND range(0, size($nodes) - 1) AS n
     CREATE (e:OutboxEvent:${pendingLabel})
     SET e = $nodes[n], e.testRun = $prefix,
         e.createdAt = datetime($base) + duration({milliseconds: n})`,
    { nodes, prefix, base: new Date().toISOString() },
  );
  return nodes.map((n) => n.id);
}

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

describe('the Neo4j outbox lock', () => {
  it('is unique by name (a constraint, created on first use)', async () => {
    const name = lockName();
    expect(await neo4jOutbox(driver, { name, holder: 'a' }).acquireLease()).toBe(true);
    await expect(
      driver.executeQuery('CREATE (:OutboxLock {name: $name})', { name }),
    ).rejects.toThrow(/already exists/);
  });

  it('goes to exactly one of relays asking at the same moment, new or expired', async () => {
    for (let round = 0; round < 20; round++) {
      const name = lockName();
      if (round % 2 === 1) {
        await driver.executeQuery(
          `CREATE (:OutboxLock {name: $name, holder: 'gone',
                   expiresAt: datetime() - duration({seconds: 1})})`,
          { name },
        );
      }
      const stores = Array.from({ length: 4 }, (_, i) =>
        neo4jOutbox(driver, { name, holder: `h${i}` }),
      );
      const won = await Promise.all(stores.map((s) => s.acquireLease()));
      expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
      const { records } = await driver.executeQuery(
        'MATCH (l:OutboxLock {name: $name}) RETURN l.holder AS holder',
        { name },
      );
      expect(records.map((r) => r.get('holder'))).toEqual([`h${won.indexOf(true)}`]);
    }
  });

  it('is renewed by its holder, free once released, and taken over once expired', async () => {
    const name = lockName();
    const a = neo4jOutbox(driver, { name, holder: 'a', leaseMs: 2_000 });
    const b = neo4jOutbox(driver, { name, holder: 'b', leaseMs: 2_000 });
    expect(await a.acquireLease()).toBe(true);
    expect(await b.acquireLease()).toBe(false);
    expect(await a.acquireLease()).toBe(true);
    await a.releaseLease();
    expect(await b.acquireLease()).toBe(true);
    // b now stops renewing: a waits out its lease, then has it.
    expect(await a.acquireLease()).toBe(false);
    await pollFor(() => a.acquireLease(), { description: "b's lease to expire" });
    expect(await b.acquireLease()).toBe(false);
  });
});

describe('the Neo4j outbox relay', () => {
  it('publishes each event exactly once, in order, when two relays start together', async () => {
    const ids = await writeEvents(60);
    const name = lockName();
    const sent: string[] = [];
    const relays = [0, 1].map((i) =>
      relay({
        store: neo4jOutbox(driver, { name, holder: `relay-${i}`, pendingLabel }),
        publisher: capturing(sent, 2),
        batchSize: 10,
      }),
    );
    await pollFor(() => sent.length >= 20, { description: 'some published' });
    const more = await writeEvents(20);
    await pollFor(async () => (await relays[0]?.pending()) === 0, {
      description: 'the outbox to drain',
    });
    expect(sent).toEqual([...ids, ...more]);
    expect(relays.filter((r) => r.isPublishing())).toHaveLength(1);
  });

  it('takes over from a holder that stopped renewing once its lease expired', async () => {
    const ids = await writeEvents(5);
    const name = lockName();
    const hung = neo4jOutbox(driver, { name, holder: 'hung', leaseMs: 1_500, pendingLabel });
    const started = Date.now(); // the lease runs out 1.5 s after this at the earliest
    expect(await hung.acquireLease()).toBe(true); // and never renewed or released
    const sent: string[] = [];
    const next = relay({
      store: neo4jOutbox(driver, { name, holder: 'next', leaseMs: 1_500, pendingLabel }),
      publisher: capturing(sent),
    });
    expect(next.isPublishing()).toBe(false);
    await pollFor(() => sent.length === 5, { description: 'the events published' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(sent).toEqual(ids);
    expect(next.isHealthy()).toBe(true);
  });
});
