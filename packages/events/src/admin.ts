import type { Admin, Kafka } from 'kafkajs';
import { deadLetterTopicOf, type TopicContract } from './topic';

export interface TopicSettings {
  partitions?: number;
  /** Copies of each partition (default 1, the local stack's single broker; 3 in production). */
  replicationFactor?: number;
  /**
   * `min.insync.replicas`: replicas that must have a write before an acks=-1 producer is
   * answered (default 1; 2 with a replication factor of 3 survives one broker down).
   */
  minInsyncReplicas?: number;
}

/**
 * Creates each topic and its dead-letter topic if missing (brokers never auto-create).
 * Retention is unlimited: the feed is rebuilt by replaying topics from the beginning.
 * Topics that exist are left as they are: raising their replication is a reassignment.
 */
export async function ensureTopics(
  kafka: Kafka,
  contracts: readonly Pick<TopicContract, 'name'>[],
  { partitions = 6, replicationFactor = 1, minInsyncReplicas = 1 }: TopicSettings = {},
): Promise<string[]> {
  if (minInsyncReplicas > replicationFactor) {
    // Every acks=-1 write to such a topic would fail with NOT_ENOUGH_REPLICAS.
    throw new Error(
      `min.insync.replicas (${minInsyncReplicas}) exceeds the replication factor (${replicationFactor})`,
    );
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const missing = await missingTopics(admin, contracts);
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'min.insync.replicas', value: String(minInsyncReplicas) },
          ],
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Fails, naming them, when any topic or dead-letter topic is missing: how a service checks in
 * production, where topics are made beforehand by the create-topics job, not by services.
 */
export async function requireTopics(
  kafka: Kafka,
  contracts: readonly Pick<TopicContract, 'name'>[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const missing = await missingTopics(admin, contracts);
    if (missing.length > 0) {
      throw new Error(
        `Kafka topics missing: ${missing.join(', ')} (in production they are made by the create-topics job: node dist/jobs/create-topics.js)`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

async function missingTopics(
  admin: Admin,
  contracts: readonly Pick<TopicContract, 'name'>[],
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const wanted = contracts.flatMap((c) => [c.name, deadLetterTopicOf(c.name)]);
  return wanted.filter((name) => !existing.has(name));
}
