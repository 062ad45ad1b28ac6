import type { Kafka } from 'kafkajs';
import { deadLetterTopicOf, type TopicContract } from './topic';

export interface TopicSettings {
  partitions?: number;
  replicationFactor?: number;
}

/**
 * Creates each topic and its dead-letter topic if missing (brokers never auto-create).
 * Retention is unlimited: the feed is rebuilt by replaying topics from the beginning.
 */
export async function ensureTopics(
  kafka: Kafka,
  contracts: readonly Pick<TopicContract, 'name'>[],
  { partitions = 6, replicationFactor = 1 }: TopicSettings = {},
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = contracts.flatMap((c) => [c.name, deadLetterTopicOf(c.name)]);
    const missing = wanted.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor,
          configEntries: [{ name: 'retention.ms', value: '-1' }],
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
