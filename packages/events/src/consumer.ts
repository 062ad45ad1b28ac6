import { type Logger, withCorrelation } from '@flock/logger';
import {
  type Context,
  extractTraceContext,
  isTracing,
  type ServiceMetrics,
  type Span,
  SpanKind,
  trace,
  tracer,
  withSpan,
} from '@flock/telemetry';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { decodeEnvelope, type Envelope, EventValidationError } from './envelope';
import { classifyFailure, type FailureKind } from './failures';
import type { ProducerAcks } from './publisher';
import { deadLetterTopicOf, type TopicContract } from './topic';

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
  /** The span of this attempt (its parent for the handler's own spans), while tracing. */
  trace?: Context;
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

/**
 * How a failing handler is retried. A transient failure (a dependency down, see
 * `classifyFailure`) is retried without limit, every `maxDelayMs` at most, so an outage of
 * any length delays the partition's messages but loses none; any other failure is retried
 * `maxAttempts` times, then parked on the dead-letter topic.
 */
export interface RetryPolicy {
  /** Attempts before a message that does not fail transiently is dead-lettered (first try included). */
  maxAttempts: number;
  initialDelayMs: number;
  /** The backoff's cap: the pace of retries through a long outage. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
};

export interface ConsumerOptions {
  kafka: Kafka;
  groupId: string;
  logger: Logger;
  subscriptions: Subscription[];
  retry?: Partial<RetryPolicy>;
  /** Where a new group starts; replays (feed rebuild) start from the beginning. */
  fromBeginning?: boolean;
  /** acks of the dead-letter producer (default -1: every in-sync replica). */
  acks?: ProducerAcks;
  /** Lag, handled and dead-lettered counts, handling time (see ServiceMetrics). */
  metrics?: ServiceMetrics;
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
  /** Why it was parked: 'invalid' (breaks the contract), 'permanent' or 'unknown' (see FailureKind). */
  failure: 'x-dlq-failure',
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
 * contract and handled; a failing handler is retried with backoff (see `RetryPolicy`) while
 * the partition waits, so its order holds, and the consumer heartbeats, so it stays in its
 * group. Invalid messages, `PermanentEventError`s and failures that outlast `maxAttempts`
 * without being transient are dead-lettered with the reason. Offsets are committed only
 * after a message was handled or parked.
 */
export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, subscriptions, fromBeginning = false, acks = -1, metrics } = options;
  const spans = tracer('events');
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const log = options.logger.child({ component: 'consumer', groupId });
  const byTopic = new Map(subscriptions.map((s) => [s.topic.name, s]));

  // The client's retry budget also bounds how long a dead broker is retried: services pass
  // a client made with CONSUMER_RETRY (see startServiceEvents).
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

  try {
    await dlqProducer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning });
  } catch (error) {
    // A start that fails half-way (Kafka flapping) leaves no client behind to be retried over.
    await Promise.allSettled([consumer.disconnect(), dlqProducer.disconnect()]);
    throw error;
  }

  async function deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    failure: 'invalid' | FailureKind,
    attempts: number,
  ): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      [DLQ_HEADERS.reason]: reason.slice(0, 2000),
      [DLQ_HEADERS.failure]: failure,
      [DLQ_HEADERS.group]: groupId,
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.partition]: String(partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    await dlqProducer.send({
      topic: deadLetterTopicOf(topic),
      acks,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    metrics?.deadLettered.inc({ group: groupId, topic, failure });
    metrics?.eventsHandled.inc({ group: groupId, topic, outcome: 'dead_lettered' });
    log.warn(
      { topic, partition, offset: message.offset, reason, failure, attempts },
      'message dead-lettered',
    );
  }

  /**
   * Handles one message: 'done' once it was handled or parked, 'stopped' when the consumer
   * stops or the partition moves while a retry waits (then it is left uncommitted for
   * whoever owns the partition next). A rebalance also surfaces as the heartbeat's error.
   */
  async function handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    owned: () => boolean,
  ): Promise<'done' | 'stopped'> {
    const subscription = byTopic.get(topic);
    if (!subscription) throw new Error(`no handler for topic ${topic}`);
    let event: Envelope<unknown>;
    try {
      event = decodeEnvelope(subscription.topic, message.value);
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      await deadLetter(topic, partition, message, error.message, 'invalid', 0);
      return 'done';
    }
    // Only failures that are not a dependency being down count towards maxAttempts: after a
    // long outage, a message still gets its full share of tries for anything else.
    let unexplained = 0;
    // The trace of the request that published it continues here (the producer span's W3C
    // context in the message headers); each attempt is a consumer span of its own.
    const parent = isTracing() ? extractTraceContext(message.headers) : undefined;
    const run = (attempt: number, span?: Span) => () =>
      subscription.handler(event, {
        topic,
        partition,
        offset: message.offset,
        attempt,
        ...(span && parent ? { trace: trace.setSpan(parent, span) } : {}),
      });
    for (let attempt = 1; ; attempt++) {
      try {
        const startedAt = performance.now();
        await withCorrelation(event.correlationId, () =>
          parent
            ? withSpan(
                spans,
                `process ${topic}`,
                {
                  kind: SpanKind.CONSUMER,
                  parent,
                  attributes: {
                    'messaging.system': 'kafka',
                    'messaging.operation.type': 'process',
                    'messaging.destination.name': topic,
                    'messaging.destination.partition.id': String(partition),
                    'messaging.kafka.offset': Number(message.offset),
                    'messaging.consumer.group.name': groupId,
                    'messaging.message.id': event.id,
                    'flock.attempt': attempt,
                  },
                },
                (span) => run(attempt, span)(),
              )
            : run(attempt)(),
        );
        metrics?.eventHandleDuration.observe(
          { group: groupId, topic },
          (performance.now() - startedAt) / 1000,
        );
        metrics?.eventsHandled.inc({ group: groupId, topic, outcome: 'ok' });
        return 'done';
      } catch (error) {
        const failure = classifyFailure(error);
        const reason = error instanceof Error ? error.message : String(error);
        if (failure === 'unknown') unexplained++;
        if (failure === 'permanent' || unexplained >= policy.maxAttempts) {
          await deadLetter(topic, partition, message, reason, failure, attempt);
          return 'done';
        }
        metrics?.eventsHandled.inc({ group: groupId, topic, outcome: 'retried' });
        const delay = backoffDelay(attempt, policy);
        log.warn(
          { topic, partition, offset: message.offset, attempt, failure, delay, err: error },
          failure === 'transient'
            ? 'handler failed on a dependency, retrying until it returns'
            : 'handler failed, retrying',
        );
        await sleepWithHeartbeat(delay, heartbeat, owned);
        if (!owned()) return 'stopped';
      }
    }
  }

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      const owned = () => isRunning() && !isStale();
      let next: string | undefined;
      const first = batch.messages[0];
      const lagLabels = { group: groupId, topic: batch.topic, partition: String(batch.partition) };
      if (first) {
        metrics?.consumerLag.set(
          lagLabels,
          Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(first.offset))),
        );
      }
      try {
        for (const message of batch.messages) {
          if (!owned()) break;
          const outcome = await handle(batch.topic, batch.partition, message, heartbeat, owned);
          if (outcome === 'stopped') {
            log.info(
              { topic: batch.topic, partition: batch.partition, offset: message.offset },
              'stopped retrying: consumer stopping or partition moved; left uncommitted',
            );
            break;
          }
          resolveOffset(message.offset);
          next = (BigInt(message.offset) + 1n).toString();
          // Behind the partition's end as of this fetch (the high watermark is the next
          // offset to be written): 0 once the last message fetched is handled.
          metrics?.consumerLag.set(
            lagLabels,
            Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))),
          );
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

/** Sleeps in steps, heartbeating (a rebalance throws from it) and ending early once not owned. */
async function sleepWithHeartbeat(
  ms: number,
  heartbeat: () => Promise<void>,
  owned: () => boolean,
): Promise<void> {
  const step = 500;
  for (let left = ms; left > 0 && owned(); left -= step) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(step, left)));
    await heartbeat();
  }
}
