import type { z } from 'zod';

/** A topic's contract: its name, the payload schema, and which aggregate id keys its messages. */
export interface TopicContract<P = unknown> {
  readonly name: string;
  readonly schema: z.ZodType<P>;
  /** Message key: the aggregate id, so one aggregate's events stay ordered in one partition. */
  readonly keyOf: (payload: P) => string;
}

export type PayloadOf<T> = T extends TopicContract<infer P> ? P : never;

export function defineTopic<S extends z.ZodType>(
  name: string,
  schema: S,
  keyOf: (payload: z.infer<S>) => string,
): TopicContract<z.infer<S>> {
  return { name, schema: schema as z.ZodType<z.infer<S>>, keyOf };
}

/** Where messages that cannot be processed are parked, with the reason in their headers. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
