import type { KafkaEnv } from '@flock/env';
import type { Logger } from '@flock/logger';
import type { ResourceRegistry } from '@flock/service';
import type { Kafka } from 'kafkajs';
import { ensureTopics, requireTopics, type TopicSettings } from './admin';
import {
  type RetryPolicy,
  type RunningConsumer,
  type Subscription,
  startConsumer,
} from './consumer';
import { allTopics } from './contracts';
import { CONSUMER_RETRY, createKafka } from './kafka';
import { type OutboxRelay, type OutboxStore, startOutboxRelay } from './outbox-relay';
import { EventPublisher, type ProducerAcks } from './publisher';

/**
 * The durability settings of the Kafka env (KAFKA_REPLICATION_FACTOR, ...), as options, and
 * who makes the topics: the service itself outside production (the local stack, tests); in
 * production the create-topics job, run before any service starts.
 */
export function kafkaDurability(
  env: Pick<
    KafkaEnv,
    'KAFKA_REPLICATION_FACTOR' | 'KAFKA_MIN_INSYNC_REPLICAS' | 'KAFKA_PRODUCER_ACKS'
  > & { NODE_ENV?: string },
): { topics: TopicSettings; acks: ProducerAcks; createTopics: boolean } {
  return {
    topics: {
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: env.KAFKA_MIN_INSYNC_REPLICAS,
    },
    acks: env.KAFKA_PRODUCER_ACKS,
    createTopics: env.NODE_ENV !== 'production',
  };
}

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
  /** How topics are created (replication, min.insync.replicas): `...kafkaDurability(env)`. */
  topics: TopicSettings;
  /**
   * Whether the service creates missing topics (default true). False in production
   * (`...kafkaDurability(env)`): the service only checks they exist, and a missing one is
   * retried like Kafka being down, its name in the log.
   */
  createTopics?: boolean;
  /** The producers' acks: `...kafkaDurability(env)`. */
  acks: ProducerAcks;
}

export interface ServiceEvents {
  kafka: Kafka;
  /** Wakes the outbox relay: call after a transaction that wrote to the outbox committed. */
  kick(): void;
}

/** How long a worker waits between attempts to reach Kafka at start, at most. */
const MAX_CONNECT_BACKOFF_MS = 30_000;

/**
 * A service's event side, the same everywhere: the Kafka client, the topics (created
 * explicitly), and as the service needs them its outbox relay (with its publisher) and its
 * consumer, each registered for readiness and shutdown as it is started. Nothing here waits
 * for Kafka: a service (re)started during a Kafka outage starts, and catches up once Kafka
 * answers.
 */
export async function startServiceEvents(
  resources: ResourceRegistry,
  options: ServiceEventsOptions,
): Promise<ServiceEvents> {
  const { service, logger, topics, acks, createTopics = true } = options;
  const kafka = createKafka({
    clientId: options.clientId ?? service,
    brokers: options.brokers,
    logger,
  });
  const prepareTopics = () =>
    createTopics ? ensureTopics(kafka, allTopics, topics) : requireTopics(kafka, allTopics);
  let relay: OutboxRelay | undefined;
  if (options.outbox) {
    // The service serves while Kafka is down, its writes wait in the outbox, and the relay
    // connects (topics first) when Kafka answers.
    const publisher = EventPublisher.lazy(kafka, service, prepareTopics, { acks });
    resources.add('kafka producer', { close: () => publisher.disconnect() });
    const store = options.outbox;
    const started = startOutboxRelay({ store, publisher, logger, metrics: resources.metrics });
    resources.metrics.outboxBacklog(() => store.backlog());
    relay = started;
    // A backlog is a health detail, no reason to leave the load balancer.
    resources.add('outbox relay', {
      health: async () => {
        await started.readiness();
        return { pending: await started.pending() };
      },
      close: () => started.stop(),
    });
  }
  if (options.consumer) {
    const consumer = options.consumer;
    // A worker without Kafka has nothing to do, but it starts (health routes up, not ready)
    // and joins its group once Kafka answers, instead of exiting.
    const consumerKafka = createKafka({
      clientId: options.clientId ?? service,
      brokers: options.brokers,
      logger,
      retry: CONSUMER_RETRY,
    });
    const starting = retryUntilStarted(logger, async () => {
      await prepareTopics();
      return startConsumer({
        kafka: consumerKafka,
        logger,
        acks,
        metrics: resources.metrics,
        ...consumer,
      });
    });
    resources.add('kafka consumer', {
      ready: async () => {
        const running = starting.current();
        if (!running) throw new Error('not connected to Kafka yet');
        await running.readiness();
      },
      close: async () => {
        const running = await starting.cancel();
        await running?.stop();
      },
    });
  }
  return { kafka, kick: () => relay?.kick() };
}

/** Calls `start` until it succeeds (backing off), unless cancelled first. */
function retryUntilStarted(
  logger: Logger,
  start: () => Promise<RunningConsumer>,
): { current(): RunningConsumer | undefined; cancel(): Promise<RunningConsumer | undefined> } {
  let running: RunningConsumer | undefined;
  let cancelled = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    for (let attempt = 1; !cancelled; attempt++) {
      try {
        const started = await start();
        if (cancelled)
          await started.stop(); // shut down while it was connecting
        else running = started;
        return;
      } catch (error) {
        const delay = Math.min(500 * 2 ** attempt, MAX_CONNECT_BACKOFF_MS);
        logger.error(
          { err: error, attempt, delay },
          'cannot start the Kafka consumer (is Kafka reachable?); trying again',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();
  return {
    current: () => running,
    async cancel() {
      cancelled = true;
      wake?.();
      // An attempt in flight (the client retrying an unreachable Kafka) is not waited for
      // long: it stops what it started itself when it ends.
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      return running;
    },
  };
}
