import type { Logger } from '@flock/logger';
import type { ServiceMetrics, TraceCarrier } from '@flock/telemetry';
import { allTopics } from './contracts';
import type { Envelope } from './envelope';
import type { EventPublisher } from './publisher';
import type { TopicContract } from './topic';

/** An event written in the same transaction as the change it announces. */
export interface OutboxRow {
  id: string;
  topic: string;
  envelope: unknown;
  /** The W3C trace context of the request that wrote it (null when it was not traced). */
  traceContext?: TraceCarrier | null;
}

/** What waits in an outbox: how many rows, and the age of the oldest (0 when none). */
export interface OutboxBacklog {
  count: number;
  oldestAgeSeconds: number;
}

/**
 * Where a service keeps its outbox (a Postgres table, Neo4j nodes...), and the lease that lets
 * one relay at a time publish it. No call holds a database transaction open while Kafka is
 * slow: the relay reads a batch, publishes it, then marks it, each step short on its own.
 *
 * Delivery is at least once: a relay that dies (or loses its lease) between publishing and
 * marking leaves the batch to be published again; consumers are idempotent by event id.
 */
export interface OutboxStore {
  /** How long a lease lasts unless renewed; the relay renews it when a third has passed. */
  readonly leaseMs: number;
  /**
   * Takes the outbox's lease for this store's holder, or renews it: true when this holder has
   * it now, false while another holder's lease runs. Atomic: of relays racing, one wins.
   */
  acquireLease(): Promise<boolean>;
  /** Ends this holder's lease (if it has it), so another relay takes over without waiting. */
  releaseLease(): Promise<void>;
  /** Up to `limit` unpublished rows, oldest first. A plain read: nothing stays locked. */
  readPending(limit: number): Promise<OutboxRow[]>;
  /** Marks rows published (rows already marked stay as they are). */
  markPublished(ids: string[]): Promise<void>;
  /** How many rows wait to be published (a health detail). */
  countPending(): Promise<number>;
  /** The backlog's size and age (the outbox metrics). */
  backlog(): Promise<OutboxBacklog>;
}

/** What the relay needs of a publisher (an EventPublisher). */
export type OutboxPublisher = Pick<EventPublisher, 'ready' | 'send'>;

export interface OutboxRelayOptions {
  store: OutboxStore;
  publisher: OutboxPublisher;
  logger: Logger;
  /** Pause between polls of an empty outbox, while this relay holds the lease. */
  intervalMs?: number;
  /** Pause between attempts to take the lease while another relay holds it. */
  standbyIntervalMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
  /** Counts what is published (flock_outbox_published_total). */
  metrics?: ServiceMetrics;
}

export interface OutboxRelay {
  /** Publish now instead of at the next tick (call after committing a write). */
  kick(): void;
  /** True while the last attempt succeeded (a relay standing by is healthy). */
  isHealthy(): boolean;
  /** True while this relay holds the outbox's lease (it is the one publishing). */
  isPublishing(): boolean;
  /** How many events wait in the outbox. */
  pending(): Promise<number>;
  /** Rejects while the relay cannot publish (a health detail, not a readiness condition:
   *  the service still answers requests, and the outbox keeps what they write). */
  readiness(): Promise<void>;
  /** Stops after the batch in flight, and hands the lease over. */
  stop(): Promise<void>;
}

const contracts = new Map<string, TopicContract<unknown>>(
  allTopics.map((t) => [t.name, t as TopicContract<unknown>]),
);

/**
 * Relays outbox rows to Kafka, in order, until the outbox is empty; then waits for a kick or
 * the next tick. Of a service's replicas, only the holder of the outbox's lease publishes (so
 * two never interleave batches and break per-key order); the others stand by and take over
 * once it lets the lease go or stops renewing it. Kafka being down only delays events: rows
 * stay until published.
 */
export function startOutboxRelay({
  store,
  publisher,
  logger,
  intervalMs = 250,
  standbyIntervalMs = 1_000,
  batchSize = 200,
  maxBackoffMs = 10_000,
  metrics,
}: OutboxRelayOptions): OutboxRelay {
  const log = logger.child({ component: 'outbox-relay' });
  let stopped = false;
  let healthy = true;
  let failures = 0;
  let wake: (() => void) | undefined;
  let pendingKick = false;
  /** When (performance.now()) the lease we hold was last taken or renewed. */
  let leaseRenewedAt: number | undefined;

  async function publish(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push(row);
      byTopic.set(row.topic, list);
    }
    for (const [name, topicRows] of byTopic) {
      const contract = contracts.get(name);
      if (!contract) throw new Error(`outbox holds an event for unknown topic ${name}`);
      await publisher.send(
        contract,
        topicRows.map((row) => row.envelope as Envelope<unknown>),
        topicRows.map((row) => row.traceContext),
      );
      metrics?.outboxPublished.inc({ topic: name }, topicRows.length);
    }
  }

  /** Whether this relay holds the lease, renewing it once a third of it has passed. */
  async function holdLease(): Promise<boolean> {
    const now = performance.now();
    if (leaseRenewedAt !== undefined && now - leaseRenewedAt < store.leaseMs / 3) return true;
    const held = await store.acquireLease();
    const had = leaseRenewedAt !== undefined;
    leaseRenewedAt = held ? now : undefined;
    if (held && !had) log.info('outbox relay holds the lease: publishing');
    if (!held && had) log.warn('outbox relay lost the lease: standing by');
    return held;
  }

  async function releaseLease(): Promise<void> {
    if (leaseRenewedAt === undefined) return;
    leaseRenewedAt = undefined;
    try {
      await store.releaseLease();
    } catch (error) {
      log.warn({ err: error }, 'outbox relay could not release its lease; it will expire');
    }
  }

  /** Resolves after `ms`, or earlier on stop (and on a kick when `kickable`). */
  function pause(ms: number, kickable: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = () => {
        if (kickable || stopped) done();
      };
    });
  }

  const loop = (async () => {
    while (!stopped) {
      let published = 0;
      let publishing = false;
      try {
        // Connected first: a relay that cannot reach Kafka does not renew the lease, so a
        // replica that can takes over once it expires.
        await publisher.ready();
        publishing = await holdLease();
        if (publishing) {
          const rows = await store.readPending(batchSize);
          if (rows.length > 0) {
            await publish(rows); // throws: nothing is marked, the batch is read again
            await store.markPublished(rows.map((r) => r.id));
          }
          published = rows.length;
        }
        if (!healthy) log.info('outbox relay recovered');
        healthy = true;
        failures = 0;
      } catch (error) {
        healthy = false;
        failures++;
        log.error({ err: error, failures }, 'outbox relay could not publish; will retry');
        // Let a replica that may do better take over (or this one again, after the backoff).
        await releaseLease();
      }
      if (stopped) break;
      if (!healthy) {
        await pause(Math.min(intervalMs * 2 ** failures, maxBackoffMs), false);
      } else if (!publishing) {
        await pause(standbyIntervalMs, false); // another relay publishes: kicks are its business
      } else if (published < batchSize && !pendingKick) {
        await pause(intervalMs, true);
      } // else: more waiting, or a kick came while publishing: go on without pause
      pendingKick = false;
    }
    await releaseLease();
  })();

  return {
    kick() {
      pendingKick = true;
      wake?.();
    },
    isHealthy: () => healthy,
    isPublishing: () => leaseRenewedAt !== undefined,
    pending: () => store.countPending(),
    readiness: async () => {
      if (!healthy) throw new Error('outbox relay cannot reach Kafka');
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
