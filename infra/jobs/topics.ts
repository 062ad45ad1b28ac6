import { kafkaModel, loadEnv, serviceModel } from '@flock/env';
import { allTopics, createKafka, ensureTopics, type TopicSettings } from '@flock/events';
import type { Logger } from '@flock/logger';
import { z } from 'zod';

const createTopicsModel = z.object({
  ...serviceModel.shape,
  ...kafkaModel.shape,
  /** Partitions of each new topic: the most consumers of one group that get work (the feed
   *  worker's replicas). Existing topics are left as they are. */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
});

export type CreateTopicsEnv = z.infer<typeof createTopicsModel>;

export function loadCreateTopicsEnv(source: Record<string, string | undefined>): CreateTopicsEnv {
  return loadEnv(createTopicsModel, source);
}

export function topicSettingsOf(env: CreateTopicsEnv): TopicSettings {
  return {
    partitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    minInsyncReplicas: env.KAFKA_MIN_INSYNC_REPLICAS,
  };
}

/**
 * Creates every event topic and its dead-letter topic that is missing (`node
 * dist/jobs/create-topics.js`; the local stack runs the same at `infra:up`). A cluster that
 * has just formed may not know a topic it has just created on every broker yet ("does not
 * host this topic-partition" while waiting for leaders), so it tries again for a while.
 */
export async function createTopics({
  brokers,
  settings,
  logger,
  clientId = 'flock-create-topics',
  attempts = 10,
}: {
  brokers: string[];
  settings: TopicSettings;
  logger: Logger;
  clientId?: string;
  attempts?: number;
}): Promise<string[]> {
  const kafka = createKafka({ clientId, brokers, logger });
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureTopics(kafka, allTopics, settings);
    } catch (error) {
      if (attempt >= attempts) throw error;
      logger.warn({ err: error, attempt }, 'cannot create the topics yet; trying again');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
