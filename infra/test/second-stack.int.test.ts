import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTopics } from '@flock/events';
import { pollFor } from '@flock/testing';
import { Kafka, logLevel } from 'kafkajs';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedStack, pidOf, secondStackEnv, startStack, stopStack } from '../stack';

/**
 * A second stack (3 Kafka brokers, its own Redis, Neo4j and mail catcher, its own databases)
 * started and stopped through the programmatic API. Opt-in — it starts five JVMs, a minute
 * or more on a laptop: FLOCK_SECOND_STACK=1 npx vitest run infra/test/second-stack.int.test.ts
 */
const enabled = process.env.FLOCK_SECOND_STACK === '1';
const env = secondStackEnv({
  stateDir: join(tmpdir(), 'flock-second-stack-test'),
  offset: 20_000,
  kafkaBrokers: 3,
  dbPrefix: 'second_stack_',
  neo4jTransactionTimeout: '2s',
});
const stack = isolatedStack(env);

describe.skipIf(!enabled)('a second stack', () => {
  beforeAll(async () => {
    await startStack(env, { services: false });
  }, 600_000);

  afterAll(async () => {
    if (!enabled) return;
    await stopStack(env);
    const admin = new pg.Client({ connectionString: stack.postgresUrl });
    await admin.connect();
    for (const service of ['identity', 'posts', 'mailer']) {
      await admin.query(`DROP DATABASE IF EXISTS "second_stack_${service}" WITH (FORCE)`);
    }
    await admin.end();
    rmSync(env.FLOCK_STATE_DIR, { recursive: true, force: true });
  }, 120_000);

  it('has its own databases on the shared Postgres', async () => {
    const admin = new pg.Client({ connectionString: stack.postgresUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'second_stack_%' ORDER BY datname",
    );
    await admin.end();
    expect(rows.map((r) => r.datname)).toEqual([
      'second_stack_identity',
      'second_stack_mailer',
      'second_stack_posts',
    ]);
  });

  it('has Neo4j kill a transaction that outlives NEO4J_TRANSACTION_TIMEOUT', async () => {
    const driver = neo4j.driver(stack.neo4jUri);
    try {
      const started = Date.now();
      await expect(driver.executeQuery('CALL apoc.util.sleep(30000) RETURN 1')).rejects.toThrow(
        /terminated|timed out|timeout/i,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await driver.close();
    }
  });

  it('runs 3 brokers with replicated topics and survives the loss of one', async () => {
    const kafka = new Kafka({
      clientId: 'second-stack-test',
      brokers: stack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    expect(brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    const topic = allTopics[0]?.name ?? '';
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions.every((p) => p.replicas.length === 3)).toBe(true);
    await admin.disconnect();

    const killed = pidOf('kafka-2', env.FLOCK_STATE_DIR);
    expect(killed).toBeDefined();
    process.kill(killed ?? 0, 'SIGKILL');

    // acks=all with min ISR 2: writes go on with two brokers.
    const producer = kafka.producer();
    await producer.connect();
    await pollFor(
      async () => (await producer.send({ topic, acks: -1, messages: [{ value: 'x' }] })).length,
      { description: 'a write with one broker down', timeoutMs: 60_000, intervalMs: 1_000 },
    );
    await producer.disconnect();

    // Starting the stack again starts only what stopped answering.
    await startStack(env, { services: false });
    const restarted = pidOf('kafka-2', env.FLOCK_STATE_DIR);
    expect(restarted).toBeDefined();
    expect(restarted).not.toBe(killed);
    expect(pidOf('kafka-1', env.FLOCK_STATE_DIR)).toBeDefined();
  }, 300_000);
});
