import type { Envelope, OutboxRow, OutboxStore } from '@flock/events';

/** What the outbox needs of a Prisma client (any service's generated client fits). */
export interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface TransactionalClient extends RawSqlClient {
  $transaction<T>(fn: (tx: RawSqlClient) => Promise<T>): Promise<T>;
}

/** The row to insert, inside the business transaction, for an event to publish. */
export function outboxRowOf(envelope: Envelope<unknown>): {
  id: string;
  topic: string;
  envelope: object;
} {
  return { id: envelope.id, topic: envelope.type, envelope };
}

/**
 * The Postgres outbox of a service (table `outbox_events`). Rows are locked with
 * SKIP LOCKED, so several relays (replicas) share the work without publishing a row twice.
 */
export function postgresOutbox(client: TransactionalClient): OutboxStore {
  return {
    publishPending: (limit, publish) =>
      client.$transaction(async (tx) => {
        const rows = await tx.$queryRawUnsafe<OutboxRow[]>(
          `SELECT id::text AS id, topic, envelope FROM outbox_events
           WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          limit,
        );
        if (rows.length === 0) return 0;
        await publish(rows); // throws: the transaction rolls back, rows stay unpublished
        await tx.$executeRawUnsafe(
          'UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[])',
          rows.map((r) => r.id),
        );
        return rows.length;
      }),
  };
}
