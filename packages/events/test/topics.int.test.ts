import { resolveLocalStack } from '@flock/env';
import { testLogger, uniqueId } from '@flock/testing';
import { describe, expect, it } from 'vitest';
import { createKafka, ensureTopics, requireTopics } from '../src';

const kafka = createKafka({
  clientId: 'topics-test',
  brokers: [resolveLocalStack(process.env).kafkaBroker],
  logger: testLogger('topics-test'),
});

describe('requireTopics (services in production, where the create-topics job makes topics)', () => {
  it('names each missing topic and dead-letter topic, and passes once they exist', async () => {
    const topic = { name: uniqueId('required.topic') };
    await expect(requireTopics(kafka, [topic])).rejects.toThrow(
      `Kafka topics missing: ${topic.name}, ${topic.name}.dlq (in production they are made by the create-topics job`,
    );
    expect(await ensureTopics(kafka, [topic], { partitions: 1 })).toEqual([
      topic.name,
      `${topic.name}.dlq`,
    ]);
    await expect(requireTopics(kafka, [topic])).resolves.toBeUndefined();
  });
});
