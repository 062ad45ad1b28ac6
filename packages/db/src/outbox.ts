import { randomUUID } from 'node:crypto';
import type { Envelope, OutboxRow, OutboxStore } from '@flock/events';
import { type TraceCarrier, traceContextFor } from '@flock/telemetry';

/** What the outbox needs of a Prisma client (any service's generated client fits). */
export interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface TransactionalClient extends RawSqlClient {
  $transaction<T>(fn: (tx: RawSqlClient) => Promise<T>): Promise<T>;
}

/**
 * The row to insert, inside the business transaction, for an event to publish: with the
 * W3C trace context of the operation writing it (when traced), which the relay's publish
 * continues.
 */
export function outboxRowOf(envelope: Envelope<unknown>): {
  id: string;
  topic: string;
  envelope: object;
  traceContext?: TraceCarrier;
} {
  const traceContext = traceContextFor(envelope.correlationId);
  return {
    id: envelope.id,
    topic: envelope.type,
    envelope,
    ...(traceContext.traceparent ? { traceContext } : {}),
  };
}

export interface PostgresOutboxOptions {
  /** The lease's row in `outbox_lease` (one per outbox; a service's database has one). */
  name?: string;
  /** Who asks for the lease: a fresh random id per store, i.e. per relay process. */
  holder?: string;
  /**
   * How long the lease lasts unless renewed. Longer than a publish can take (kafkajs gives up
   * on a send after about a minute of retries), or a slow holder is overtaken mid-batch and
   * the batch goes out twice; shorter means a hung holder blocks publishing for less long.
   */
  leaseMs?: number;
}

export const DEFAULT_OUTBOX_LEASE_MS = 60_000;

/**
 * The Postgres outbox of a service (table `outbox_events`), published by the relay holding
 * the lease in `outbox_lease`. Each call is one statement: no transaction stays open while
 * the relay publishes, so no timeout rolls back a batch Kafka already has.
 */
export function postgresOutbox(
  client: RawSqlClient,
  {
    name = 'outbox',
    holder = randomUUID(),
    leaseMs = DEFAULT_OUTBOX_LEASE_MS,
  }: PostgresOutboxOptions = {},
): OutboxStore {
  return {
    leaseMs,

    async acquireLease() {
      // Inserts the lease, or takes it over when it is ours or expired; ON CONFLICT locks the
      // row and re-checks the condition on its latest version, so of two racing relays one wins.
      const rows = await client.$queryRawUnsafe<{ holder: string }[]>(
        `INSERT INTO outbox_lease (name, holder, expires_at)
         VALUES ($1, $2, now() + $3::int * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE outbox_lease.holder = EXCLUDED.holder OR outbox_lease.expires_at <= now()
         RETURNING holder`,
        name,
        holder,
        leaseMs,
      );
      return rows.length === 1;
    },

    async releaseLease() {
      await client.$executeRawUnsafe(
        'UPDATE outbox_lease SET expires_at = now() WHERE name = $1 AND holder = $2',
        name,
        holder,
      );
    },

    readPending: (limit) =>
      client.$queryRawUnsafe<OutboxRow[]>(
        `SELECT id::text AS id, topic, envelope, trace_context AS "traceContext" FROM outbox_events
         WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1`,
        limit,
      ),

    async markPublished(ids) {
      if (ids.length === 0) return;
      await client.$executeRawUnsafe(
        `UPDATE outbox_events SET published_at = now()
         WHERE id = ANY($1::uuid[]) AND published_at IS NULL`,
        ids,
      );
    },

    async countPending() {
      const [row] = await client.$queryRawUnsafe<{ pending: number }[]>(
        'SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL',
      );
      return row?.pending ?? 0;
    },

    async backlog() {
      const [row] = await client.$queryRawUnsafe<{ count: number; age: number }[]>(
        `SELECT count(*)::int AS count,
                coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
         FROM outbox_events WHERE published_at IS NULL`,
      );
      return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
    },
  };
}
