import { ServiceMetrics } from '@flock/telemetry';
import { metricValue, pollFor, uniqueId } from '@flock/testing';
import { ConfigResourceTypes, type KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DLQ_HEADERS,
  deadLetterTopicOf,
  defineTopic,
  type Envelope,
  ensureTopics,
  on,
  startConsumer,
} from '../src';
import { kafkaFixture } from './kafka-fixture';

const { logger, kafka, running, publisher } = kafkaFixture('events-test');

// Each test gets topics of its own, so runs never see each other's messages.
function testTopic() {
  return defineTopic(
    `test.${uniqueId('events')}.v1`,
    z.object({ itemId: z.uuid(), quantity: z.number().int().positive() }),
    (p) => p.itemId,
  );
}

const fastRetry = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50 };

async function consume(
  topic: ReturnType<typeof testTopic>,
  handler: (e: Envelope<{ itemId: string; quantity: number }>) => Promise<void>,
  groupId = uniqueId('group'),
  metrics?: ServiceMetrics,
) {
  const consumer = await startConsumer({
    kafka,
    groupId,
    logger,
    metrics,
    subscriptions: [on(topic, handler)],
    retry: fastRetry,
    fromBeginning: true,
  });
  running.push(consumer);
  return { consumer, groupId };
}

async function readDeadLetters(topic: string): Promise<KafkaMessage[]> {
  const seen: KafkaMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueId('dlq-reader') });
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterTopicOf(topic), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.push(message);
    },
  });
  running.push({ stop: () => consumer.disconnect() });
  return seen;
}

async function committedOffsets(groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (result?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('events over a real Kafka broker', () => {
  it('publishes a typed event and consumes it with its envelope and correlation id', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 2 });
    const received: Envelope<{ itemId: string; quantity: number }>[] = [];
    await consume(topic, async (event) => {
      received.push(event);
    });

    const payload = { itemId: crypto.randomUUID(), quantity: 3 };
    const sent = await publisher().publish(topic, payload, { correlationId: 'corr-42' });

    const [event] = await pollFor(() => received.length > 0 && received, {
      description: 'the event to be consumed',
    });
    expect(event).toEqual(sent);
    expect(event?.payload).toEqual(payload);
    expect(event?.correlationId).toBe('corr-42');
    expect(event?.source).toBe('events-test');
  });

  it('creates a topic and its dead-letter topic with the replication settings given', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], {
      partitions: 2,
      replicationFactor: 1,
      minInsyncReplicas: 1,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const names = [topic.name, deadLetterTopicOf(topic.name)];
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['min.insync.replicas', 'retention.ms'],
        })),
      });
      expect(resources).toHaveLength(2);
      for (const resource of resources) {
        const config = Object.fromEntries(
          resource.configEntries.map((e) => [e.configName, e.configValue]),
        );
        expect(config).toEqual({ 'min.insync.replicas': '1', 'retention.ms': '-1' });
      }
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      for (const t of topics) {
        expect(t.partitions).toHaveLength(2);
        expect(t.partitions.every((p) => p.replicas.length === 1)).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses to publish an event that breaks the contract', async () => {
    const topic = testTopic();
    await expect(
      publisher().publish(topic, { itemId: 'not-a-uuid', quantity: -1 }),
    ).rejects.toThrow(/payload\.itemId.*payload\.quantity/);
  });

  it('parks an invalid message on the dead-letter topic with the reason, then goes on', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 1 });
    const handled: string[] = [];
    const { groupId } = await consume(topic, async (event) => {
      handled.push(event.payload.itemId);
    });

    // Bypass the publisher's validation to simulate a bad producer.
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({
      topic: topic.name,
      messages: [{ key: 'k', value: JSON.stringify({ id: 'x', type: topic.name, payload: {} }) }],
    });
    await raw.disconnect();
    const good = { itemId: crypto.randomUUID(), quantity: 1 };
    await publisher().publish(topic, good);

    const dead = await readDeadLetters(topic.name);
    const [parked] = await pollFor(() => dead.length > 0 && dead, {
      description: 'a dead letter',
    });
    expect(parked?.headers?.[DLQ_HEADERS.reason]?.toString()).toMatch(/is invalid: .*id/);
    expect(parked?.headers?.[DLQ_HEADERS.group]?.toString()).toBe(groupId);
    expect(parked?.headers?.[DLQ_HEADERS.offset]?.toString()).toBe('0');
    await pollFor(() => handled.includes(good.itemId), { description: 'the next good event' });
    await pollFor(async () => (await committedOffsets(groupId, topic.name)) === 2, {
      description: 'both offsets committed',
    });
  });

  it('retries a failing handler with backoff and commits only after it succeeds', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 1 });
    let attempts = 0;
    let committedWhileFailing = -1;
    const { groupId } = await consume(topic, async () => {
      attempts++;
      if (attempts < 3) {
        committedWhileFailing = Math.max(
          committedWhileFailing,
          await committedOffsets(groupId, topic.name),
        );
        throw new Error('downstream unavailable');
      }
    });
    await publisher().publish(topic, { itemId: crypto.randomUUID(), quantity: 2 });

    await pollFor(async () => (await committedOffsets(groupId, topic.name)) === 1, {
      description: 'the offset committed after success',
    });
    expect(attempts).toBe(3);
    expect(committedWhileFailing).toBe(0);
  });

  it('dead-letters a message whose handler keeps failing, with the error as reason', async () => {
    const topic = testTopic();
    await ensureTopics(kafka, [topic], { partitions: 1 });
    let attempts = 0;
    const metrics = new ServiceMetrics('events-test', { runtime: false });
    const groupId = uniqueId('group');
    await consume(
      topic,
      async () => {
        attempts++;
        throw new Error('poison: cannot apply');
      },
      groupId,
      metrics,
    );
    await publisher().publish(topic, { itemId: crypto.randomUUID(), quantity: 5 });

    const dead = await readDeadLetters(topic.name);
    const [parked] = await pollFor(() => dead.length > 0 && dead, { description: 'a dead letter' });
    expect(parked?.headers?.[DLQ_HEADERS.reason]?.toString()).toBe('poison: cannot apply');
    expect(parked?.headers?.[DLQ_HEADERS.attempts]?.toString()).toBe('3');
    expect(attempts).toBe(3);
    // Counted: two retries, then parked (the alert on dead letters watches this). The count
    // follows the dead-letter producer's acknowledgement, which may come after the reader saw it.
    const text = await pollFor(
      async () => {
        const now = await metrics.metrics();
        return now.includes('flock_events_dead_lettered_total{') && now;
      },
      { description: 'the dead letter counted' },
    );
    const labels = { group: groupId, topic: topic.name };
    expect(
      metricValue(text, 'flock_events_dead_lettered_total', { ...labels, failure: 'unknown' }),
    ).toBe(1);
    expect(metricValue(text, 'flock_events_handled_total', { ...labels, outcome: 'retried' })).toBe(
      2,
    );
    expect(
      metricValue(text, 'flock_events_handled_total', { ...labels, outcome: 'dead_lettered' }),
    ).toBe(1);
    expect(metricValue(text, 'flock_kafka_consumer_lag', { ...labels, partition: '0' })).toBe(0);
  });
});
