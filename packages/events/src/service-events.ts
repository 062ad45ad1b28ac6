import type { Logger } from '@flock/logger';
import type { ResourceRegistry } from '@flock/service';
import type { Kafka } from 'kafkajs';
import { ensureTopics } from './admin';
import { type RunningConsumer, type Subscription, startConsumer } from './consumer';
import { allTopics } from './contracts';
import { createKafka } from './kafka';
import { type OutboxRelay, type OutboxStore, startOutboxRelay } from './outbox-relay';
import { EventPublisher } from './publisher';

export interface ServiceEventsOptions {
  /** The service's name: Kafka client id (unless `clientId`) and the events' source. */
  service: string;
  clientId?: string;
  brokers: string[];
  logger: Logger;
  /** The service's transactional outbox: a relay publishes what is written to it. */
  outbox?: OutboxStore;
  /** The topics this service consumes, and as which group. */
  consumer?: { groupId: string; fromBeginning: boolean; subscriptions: Subscription[] };
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
  const kafka = createKafka({
    clientId: options.clientId ?? service,
    brokers: options.brokers,
    logger,
  });
  let relay: OutboxRelay | undefined;
  if (options.outbox) {
    // Nothing waits for Kafka here: the service starts and serves while Kafka is down, its
    // writes wait in the outbox, and the relay connects (topics first) when Kafka answers.
    const publisher = EventPublisher.lazy(kafka, service, () => ensureTopics(kafka, allTopics));
    resources.add('kafka producer', { close: () => publisher.disconnect() });
    relay = startOutboxRelay({ store: options.outbox, publisher, logger });
    const started = relay;
    // Not a readiness check: a backlog is no reason to leave the load balancer.
    resources.add('outbox relay', { close: () => started.stop() });
  }
  let consumer: RunningConsumer | undefined;
  if (options.consumer) {
    // A worker without Kafka has nothing to do: it needs the topics, then its group.
    await ensureTopics(kafka, allTopics);
    consumer = await startConsumer({ kafka, logger, ...options.consumer });
    const running = consumer;
    resources.add('kafka consumer', {
      ready: () => running.readiness(),
      close: () => running.stop(),
    });
  }
  return { kafka, kick: () => relay?.kick(), relay, consumer };
}
