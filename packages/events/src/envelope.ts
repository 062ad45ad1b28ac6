import { currentCorrelationId } from '@flock/logger';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { TopicContract } from './topic';

/** The one envelope every event travels in. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  correlationId: z.string().min(1),
  payload: z.unknown(),
});

export interface Envelope<P = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  source: string;
  correlationId: string;
  payload: P;
}

/** An event that does not match its contract: never published, dead-lettered on consume. */
export class EventValidationError extends Error {
  constructor(
    readonly topic: string,
    readonly issues: string[],
  ) {
    super(`event for ${topic} is invalid: ${issues.join('; ')}`);
    this.name = 'EventValidationError';
  }
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

export interface EnvelopeOptions {
  source: string;
  correlationId?: string;
  id?: string;
  occurredAt?: Date;
}

export function createEnvelope<P>(
  topic: TopicContract<P>,
  payload: P,
  { source, correlationId, id, occurredAt }: EnvelopeOptions,
): Envelope<P> {
  return validateEnvelope(topic, {
    id: id ?? uuidv7(),
    type: topic.name,
    occurredAt: (occurredAt ?? new Date()).toISOString(),
    source,
    correlationId: correlationId ?? currentCorrelationId() ?? uuidv7(),
    payload,
  });
}

/** Checks an envelope (e.g. decoded from Kafka or an outbox row) against the topic's contract. */
export function validateEnvelope<P>(topic: TopicContract<P>, value: unknown): Envelope<P> {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) throw new EventValidationError(topic.name, describe(envelope.error));
  if (envelope.data.type !== topic.name) {
    throw new EventValidationError(topic.name, [
      `type: expected ${topic.name}, got ${envelope.data.type}`,
    ]);
  }
  const payload = topic.schema.safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new EventValidationError(
      topic.name,
      describe(payload.error).map((m) => `payload.${m}`),
    );
  }
  return { ...envelope.data, payload: payload.data };
}

export function decodeEnvelope<P>(topic: TopicContract<P>, value: Buffer | null): Envelope<P> {
  if (!value) throw new EventValidationError(topic.name, ['message has no value']);
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    throw new EventValidationError(topic.name, ['value is not JSON']);
  }
  return validateEnvelope(topic, json);
}
