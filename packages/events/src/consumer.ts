import { type Logger, withCorrelation } from '@flock/logger';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { decodeEnvelope, type Envelope, EventValidationError } from './envelope';
import { deadLetterTopicOf, type TopicContract } from './topic';

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
}

export type EventHandler<P> = (event: Envelope<P>, context: MessageContext) => Promise<void>;

export interface Subscription {
  topic: TopicContract<unknown>;
  handler: EventHandler<unknown>;
}

/** Binds a handler to a topic with the payload type of that topic's contract. */
export function on<P>(topic: TopicContract<P>, handler: EventHandler<P>): Subscription {
  return { topic: topic as TopicContract<unknown>, handler: handler as EventHandler<unknown> };
}

export interface RetryPolicy {
  /** Attempts before a message is dead-lettered (the first try included). */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
};

export interface ConsumerOptions {
  kafka: Kafka;
  groupId: string;
  logger: Logger;
  subscriptions: Subscription[];
  retry?: Partial<RetryPolicy>;
  /** Where a new group starts; replays (feed rebuild) start from the beginning. */
  fromBeginning?: boolean;
}

export interface RunningConsumer {
  /** True once the consumer has joined its group and not crashed since. */
  isReady(): boolean;
  /** A /readyz check: rejects until the consumer is in its group. */
  readiness(): Promise<void>;
  stop(): Promise<void>;
}

export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  group: 'x-dlq-group',
  topic: 'x-dlq-original-topic',
  partition: 'x-dlq-original-partition',
  offset: 'x-dlq-original-offset',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const exponential = policy.initialDelayMs * 2 ** (attempt - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  // Full jitter on the upper half keeps retrying consumers from moving in lockstep.
  return Math.round(capped / 2 + Math.random() * (capped / 2));
}

/**
 * Consumes the subscribed topics in one group. Each message is validated against its
 * contract, handled with retries and backoff, and dead-lettered with the reason when it is
 * invalid or still fails. Offsets are committed only after a message was handled or parked.
 */
export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, subscriptions, fromBeginning = false } = options;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const log = options.logger.child({ component: 'consumer', groupId });
  const byTopic = new Map(subscriptions.map((s) => [s.topic.name, s]));

  const consumer: Consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const dlqProducer: Producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let ready = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    ready = true;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    ready = false;
    log.error({ err: event.payload.error, restart: event.payload.restart }, 'consumer crashed');
  });
  consumer.on(consumer.events.STOP, () => {
    ready = false;
  });

  await dlqProducer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning });

  async function deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      [DLQ_HEADERS.reason]: reason.slice(0, 2000),
      [DLQ_HEADERS.group]: groupId,
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.partition]: String(partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    await dlqProducer.send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    log.warn(
      { topic, partition, offset: message.offset, reason, attempts },
      'message dead-lettered',
    );
  }

  async function handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<'done' | 'stopped'> {
    const subscription = byTopic.get(topic);
    if (!subscription) throw new Error(`no handler for topic ${topic}`);
    let event: Envelope<unknown>;
    try {
      event = decodeEnvelope(subscription.topic, message.value);
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      await deadLetter(topic, partition, message, error.message, 0);
      return 'done';
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await withCorrelation(event.correlationId, () =>
          subscription.handler(event, { topic, partition, offset: message.offset, attempt }),
        );
        return 'done';
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= policy.maxAttempts) {
          await deadLetter(topic, partition, message, reason, attempt);
          return 'done';
        }
        const delay = backoffDelay(attempt, policy);
        log.warn(
          { topic, offset: message.offset, attempt, delay, err: error },
          'handler failed, retrying',
        );
        await sleepWithHeartbeat(delay, heartbeat);
        if (!isRunning()) return 'stopped';
      }
    }
  }

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      let next: string | undefined;
      try {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          const outcome = await handle(batch.topic, batch.partition, message, heartbeat, isRunning);
          if (outcome === 'stopped') break;
          resolveOffset(message.offset);
          next = (BigInt(message.offset) + 1n).toString();
          await heartbeat();
        }
      } finally {
        // Commit what was fully handled, even when a later message throws.
        if (next !== undefined) {
          await consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: next },
          ]);
        }
      }
    },
  });

  return {
    isReady: () => ready,
    readiness: async () => {
      if (!ready) throw new Error('consumer has not joined its group');
    },
    stop: async () => {
      await consumer.disconnect();
      await dlqProducer.disconnect();
    },
  };
}

async function sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  const step = 1000;
  for (let left = ms; left > 0; left -= step) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(step, left)));
    await heartbeat();
  }
}
