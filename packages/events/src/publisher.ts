import { CORRELATION_HEADER } from '@flock/logger';
import {
  type Context,
  context,
  extractTraceContext,
  failSpan,
  injectTraceContext,
  isTracing,
  type Span,
  SpanKind,
  type TraceCarrier,
  trace,
  tracer,
} from '@flock/telemetry';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { createEnvelope, type Envelope, type EnvelopeOptions, validateEnvelope } from './envelope';
import type { TopicContract } from './topic';

export const EVENT_TYPE_HEADER = 'x-event-type';

/**
 * How many replicas acknowledge a write before `send` resolves: -1 every in-sync replica
 * (at least the topic's `min.insync.replicas`), 1 the leader only, 0 none. Anything but -1
 * can lose acknowledged events when a broker fails, and turns the idempotent producer off.
 */
export type ProducerAcks = -1 | 0 | 1;

export interface PublisherOptions {
  /** Default -1 (all in-sync replicas). */
  acks?: ProducerAcks;
}

/** Publishes validated envelopes, keyed by aggregate id, with the correlation id in headers. */
export class EventPublisher {
  private connecting: Promise<void> | undefined;

  private readonly producer: Producer;
  private readonly acks: ProducerAcks;

  private constructor(
    kafka: Kafka,
    private readonly source: string,
    { acks = -1 }: PublisherOptions,
    /** What must hold before the first send (e.g. the topics exist). */
    private readonly prepare: () => Promise<unknown> = async () => {},
  ) {
    this.acks = acks;
    this.producer = kafka.producer({
      // kafkajs refuses an idempotent send with acks other than -1.
      idempotent: acks === -1,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  static async connect(
    kafka: Kafka,
    source: string,
    options: PublisherOptions = {},
  ): Promise<EventPublisher> {
    const publisher = new EventPublisher(kafka, source, options);
    await publisher.ready();
    return publisher;
  }

  /**
   * A publisher that connects on first use (after `prepare`), so a service starts and serves
   * while Kafka is down; `ready()` retries on each call until Kafka answers.
   */
  static lazy(
    kafka: Kafka,
    source: string,
    prepare?: () => Promise<unknown>,
    options: PublisherOptions = {},
  ): EventPublisher {
    return new EventPublisher(kafka, source, options, prepare);
  }

  /** Resolves once connected; a failed attempt is forgotten, so the next call tries again. */
  ready(): Promise<void> {
    this.connecting ??= (async () => {
      await this.prepare();
      await this.producer.connect();
    })().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** Validates the payload, wraps it in an envelope and sends it; returns the envelope. */
  async publish<P>(
    topic: TopicContract<P>,
    payload: P,
    options: Omit<EnvelopeOptions, 'source'> = {},
  ): Promise<Envelope<P>> {
    const envelope = createEnvelope(topic, payload, { ...options, source: this.source });
    await this.send(topic, [envelope]);
    return envelope;
  }

  /**
   * Sends envelopes built earlier (an outbox relay), validating each again. While tracing is
   * on, each message is a producer span — a child of its `traceContexts` entry (the request
   * that wrote the outbox row) or of the active span — whose W3C context the message carries
   * in its headers, so the consumer continues the same trace.
   */
  async send<P>(
    topic: TopicContract<P>,
    envelopes: Envelope<P>[],
    traceContexts: readonly (TraceCarrier | null | undefined)[] = [],
  ): Promise<void> {
    if (envelopes.length === 0) return;
    const valid = envelopes.map((e) => validateEnvelope(topic, e));
    const spans = isTracing()
      ? valid.map((envelope, i) => producerSpan(topic.name, envelope, traceContexts[i]))
      : [];
    try {
      await this.ready();
      await this.producer.send({
        topic: topic.name,
        acks: this.acks,
        messages: valid.map((envelope, i) => ({
          key: topic.keyOf(envelope.payload),
          value: JSON.stringify(envelope),
          headers: {
            [CORRELATION_HEADER]: envelope.correlationId,
            [EVENT_TYPE_HEADER]: envelope.type,
            ...(spans[i] ? injectTraceContext(spans[i].context) : {}),
          },
        })),
      });
    } catch (error) {
      for (const { span } of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const { span } of spans) span.end();
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

const spans = tracer('events');

/** The producer span of one message, and the context it gives the consumer. */
function producerSpan(
  topic: string,
  envelope: Envelope<unknown>,
  carrier: TraceCarrier | null | undefined,
): { span: Span; context: Context } {
  const parent = carrier ? extractTraceContext(carrier) : context.active();
  const span = spans.startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': envelope.id,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}
