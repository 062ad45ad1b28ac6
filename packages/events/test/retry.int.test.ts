import { pollFor, uniqueId } from '@flock/testing';
import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  deadLetterTopicOf,
  defineTopic,
  ensureTopics,
  on,
  PermanentEventError,
  type RunningConsumer,
  startConsumer,
} from '../src';
import { kafkaFixture } from './kafka-fixture';

const { logger, kafka, running, publisher } = kafkaFixture('events-retry-test');

function testTopic() {
  return defineTopic(
    `test.${uniqueId('retry')}.v1`,
    z.object({ itemId: z.uuid() }),
    (p) => p.itemId,
  );
}

/** Three attempts for an error that is not transient; transient ones are retried past that. */
const fastRetry = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 };
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

async function consume(
  topic: ReturnType<typeof testTopic>,
  handler: () => Promise<void>,
  groupId: string,
): Promise<RunningConsumer> {
  const consumer = await startConsumer({
    kafka,
    groupId,
    logger,
    subscriptions: [on(topic, handler)],
    retry: fastRetry,
    fromBeginning: true,
  });
  running.push(consumer);
  return consumer;
}

async function withAdmin<T>(use: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

const committed = (groupId: string, topic: string) =>
  withAdmin(async (admin) => {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Math.max(0, Number(result?.partitions[0]?.offset ?? -1));
  });

const parked = (topic: string) =>
  withAdmin(async (admin) => {
    const [partition] = await admin.fetchTopicOffsets(deadLetterTopicOf(topic));
    return Number(partition?.high ?? 0);
  });

describe('retries that outlast an outage', () => {
  it('retries a transient failure past maxAttempts, and never parks it', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 1 });
    const groupId = uniqueId('group');
    let attempts = 0;
    await consume(
      topic,
      async () => {
        attempts++;
        // The dependency is down for twice as many attempts as a bug would be allowed.
        if (attempts <= 2 * fastRetry.maxAttempts)
          throw new Error('fan-out failed', { cause: refused() });
      },
      groupId,
    );
    await publisher().publish(topic, { itemId: crypto.randomUUID() });

    await pollFor(async () => (await committed(groupId, topic.name)) === 1, {
      description: 'the offset committed once the dependency returned',
    });
    expect(attempts).toBe(2 * fastRetry.maxAttempts + 1);
    expect(await parked(topic.name)).toBe(0);
  });

  it('parks a PermanentEventError at once, without retrying', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 1 });
    const groupId = uniqueId('group');
    let attempts = 0;
    await consume(
      topic,
      async () => {
        attempts++;
        throw new PermanentEventError('no such account');
      },
      groupId,
    );
    await publisher().publish(topic, { itemId: crypto.randomUUID() });

    await pollFor(async () => (await committed(groupId, topic.name)) === 1, {
      description: 'the offset committed after parking',
    });
    expect(attempts).toBe(1);
    expect(await parked(topic.name)).toBe(1);
  });

  it('stops retrying when the consumer stops, leaving the message to the next owner', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 1 });
    const groupId = uniqueId('group');
    let attempts = 0;
    const first = await startConsumer({
      kafka,
      groupId,
      logger,
      subscriptions: [
        on(topic, async () => {
          attempts++;
          throw refused();
        }),
      ],
      // Long sleeps between retries: stop() must not wait them out.
      retry: { ...fastRetry, initialDelayMs: 20_000, maxDelayMs: 20_000 },
      fromBeginning: true,
    });
    await publisher().publish(topic, { itemId: crypto.randomUUID() });
    await pollFor(() => attempts >= 1, { description: 'a first failed attempt' });

    const stopping = performance.now();
    await first.stop();
    expect(performance.now() - stopping).toBeLessThan(5_000);
    expect(attempts).toBe(1);
    expect(await committed(groupId, topic.name)).toBe(0);

    // The group's next member gets the message, once.
    const handled: string[] = [];
    await consume(
      topic,
      async () => {
        handled.push('ok');
      },
      groupId,
    );
    await pollFor(async () => (await committed(groupId, topic.name)) === 1, {
      description: 'the next owner committing it',
    });
    expect(handled).toEqual(['ok']);
    expect(await parked(topic.name)).toBe(0);
  });
});
