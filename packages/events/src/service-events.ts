import { type KafkaEnv, kafkaModel, loadEnv } from '@flock/env';
import type { Logger } from '@flock/logger';
import type { ResourceRegistry } from '@flock/service';
import type { Kafka } from 'kafkajs';
import { ensureTopics, type TopicSettings } from './admin';
import {
  type RetryPolicy,
  type RunningConsumer,
  type Subscription,
  startConsumer,
} from './consumer';
import { allTopics } from './contracts';
import { createKafka } from './kafka';
import { type OutboxRelay, type OutboxStore, startOutboxRelay } from './outbox-relay';
import { EventPublisher, type ProducerAcks } from './publisher';

/** The durability settings of the Kafka env (KAFKA_REPLICATION_FACTOR, ...), as options. */
export function kafkaDurability(
  env: Pick<
    KafkaEnv,
    'KAFKA_REPLICATION_FACTOR' | 'KAFKA_MIN_INSYNC_REPLICAS' | 'KAFKA_PRODUCER_ACKS'
  >,
): { topics: TopicSettings; acks: ProducerAcks } {
  return {
    topics: {
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: env.KAFKA_MIN_INSYNC_REPLICAS,
    },
    acks: env.KAFKA_PRODUCER_ACKS,
  };
}

const durabilityModel = kafkaModel.pick({
  KAFKA_REPLICATION_FACTOR: true,
  KAFKA_MIN_INSYNC_REPLICAS: true,
  KAFKA_PRODUCER_ACKS: true,
});

export interface ServiceEventsOptions {
  /** The service's name: Kafka client id (unless `clientId`) and the events' source. */
  service: string;
  clientId?: string;
  brokers: string[];
  logger: Logger;
  /** The service's transactional outbox: a relay publishes what is written to it. */
  outbox?: OutboxStore;
  /** The topics this service consumes, and as which group. */
  consumer?: {
    groupId: string;
    fromBeginning: boolean;
    subscriptions: Subscription[];
    retry?: Partial<RetryPolicy>;
  };
  /**
   * How the topics are created (replication, min.insync.replicas) and the producers' acks.
   * A service passes `...kafkaDurability(env)`; without them they are read from
   * KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS and KAFKA_PRODUCER_ACKS here.
   */
  topics?: TopicSettings;
  acks?: ProducerAcks;
}

export interface ServiceEvents {
  kafka: Kafka;
  /** Wakes the outbox relay: call after a transaction that wrote to the outbox committed. */
  kick(): void;
  relay?: OutboxRelay;
  consumer?: RunningConsumer;
}

/**
 * A service's event side, the same everywhere: the Kafka client, the topics (created
 * explicitly), and as the service needs them its outbox relay (with its publisher) and its
 * consumer, each registered for readiness and shutdown as it is started.
 */
export async function startServiceEvents(
  resources: ResourceRegistry,
  options: ServiceEventsOptions,
): Promise<ServiceEvents> {
  const { service, logger } = options;
  // Until every service passes its parsed env, the durability settings default to it here.
  const fromEnv =
    options.topics && options.acks !== undefined
      ? undefined
      : kafkaDurability(loadEnv(durabilityModel, process.env));
  const topics = options.topics ?? fromEnv?.topics;
  const acks = options.acks ?? fromEnv?.acks ?? -1;
  const kafka = createKafka({
    clientId: options.clientId ?? service,
    brokers: options.brokers,
    logger,
  });
  let relay: OutboxRelay | undefined;
  if (options.outbox) {
    // Nothing waits for Kafka here: the service starts and serves while Kafka is down, its
    // writes wait in the outbox, and the relay connects (topics first) when Kafka answers.
    const publisher = EventPublisher.lazy(
      kafka,
      service,
      () => ensureTopics(kafka, allTopics, topics),
      { acks },
    );
    resources.add('kafka producer', { close: () => publisher.disconnect() });
    relay = startOutboxRelay({ store: options.outbox, publisher, logger });
    const started = relay;
    // Not a readiness check: a backlog is no reason to leave the load balancer.
    resources.add('outbox relay', { close: () => started.stop() });
  }
  let consumer: RunningConsumer | undefined;
  if (options.consumer) {
    // A worker without Kafka has nothing to do: it needs the topics, then its group.
    await ensureTopics(kafka, allTopics, topics);
    consumer = await startConsumer({ kafka, logger, acks, ...options.consumer });
    const running = consumer;
    resources.add('kafka consumer', {
      ready: () => running.readiness(),
      close: () => running.stop(),
    });
  }
  return { kafka, kick: () => relay?.kick(), relay, consumer };
}
