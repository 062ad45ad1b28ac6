import { resolveLocalStack } from '@flock/env';
import { testLogger } from '@flock/testing';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll } from 'vitest';
import { createKafka, EventPublisher } from '../src';

/**
 * What the events integration tests share: a client of the local Kafka, a publisher
 * connected before the tests, and the consumers they start, all stopped after them.
 */
export function kafkaFixture(clientId: string) {
  const logger = testLogger(clientId);
  const broker = resolveLocalStack(process.env).kafkaBroker;
  const kafka: Kafka = createKafka({ clientId, brokers: [broker], logger });
  const running: { stop(): Promise<void> }[] = [];
  let publisher: EventPublisher | undefined;
  beforeAll(async () => {
    publisher = await EventPublisher.connect(kafka, clientId);
  });
  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop()));
    await publisher?.disconnect();
  });
  return {
    logger,
    broker,
    kafka,
    /** Consumers (anything with stop()) to stop after the tests. */
    running,
    publisher: () => {
      if (!publisher) throw new Error('the publisher connects before the tests');
      return publisher;
    },
  };
}
