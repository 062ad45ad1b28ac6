import type { Logger } from '@flock/logger';
import { allTopics } from './contracts';
import type { Envelope } from './envelope';
import type { EventPublisher } from './publisher';
import type { TopicContract } from './topic';

/** An event written in the same transaction as the change it announces. */
export interface OutboxRow {
  id: string;
  topic: string;
  envelope: unknown;
}

/** Where a service keeps its outbox (a Postgres table, Neo4j nodes...). */
export interface OutboxStore {
  /**
   * Locks up to `limit` unpublished rows (oldest first), passes them to `publish`, and marks
   * them published in the same transaction once `publish` resolved. A failed publish leaves
   * them unpublished, to be retried.
   */
  publishPending(limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number>;
}

export interface OutboxRelayOptions {
  store: OutboxStore;
  publisher: EventPublisher;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
}

export interface OutboxRelay {
  /** Publish now instead of at the next tick (call after committing a write). */
  kick(): void;
  /** True while the last attempt succeeded. */
  isHealthy(): boolean;
  /** Rejects while the relay cannot publish (a health detail, not a readiness condition:
   *  the service still answers requests, and the outbox keeps what they write). */
  readiness(): Promise<void>;
  stop(): Promise<void>;
}

const contracts = new Map<string, TopicContract<unknown>>(
  allTopics.map((t) => [t.name, t as TopicContract<unknown>]),
);

/**
 * Relays outbox rows to Kafka, in order per topic, until the outbox is empty; then waits for
 * a kick or the next tick. Kafka being down only delays events: rows stay until published.
 */
export function startOutboxRelay({
  store,
  publisher,
  logger,
  intervalMs = 250,
  batchSize = 200,
  maxBackoffMs = 10_000,
}: OutboxRelayOptions): OutboxRelay {
  const log = logger.child({ component: 'outbox-relay' });
  let stopped = false;
  let healthy = true;
  let failures = 0;
  let wake: (() => void) | undefined;
  let pendingKick = false;

  async function publish(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Envelope<unknown>[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push(row.envelope as Envelope<unknown>);
      byTopic.set(row.topic, list);
    }
    for (const [name, envelopes] of byTopic) {
      const contract = contracts.get(name);
      if (!contract) throw new Error(`outbox holds an event for unknown topic ${name}`);
      await publisher.send(contract, envelopes);
    }
  }

  const loop = (async () => {
    while (!stopped) {
      let published = 0;
      try {
        // Connected first, outside the store's transaction: a Kafka outage must not hold
        // database transactions open while the client retries.
        await publisher.ready();
        published = await store.publishPending(batchSize, publish);
        if (!healthy) log.info('outbox relay recovered');
        healthy = true;
        failures = 0;
      } catch (error) {
        healthy = false;
        failures++;
        log.error({ err: error, failures }, 'outbox relay could not publish; will retry');
      }
      if (published >= batchSize && healthy) continue; // more waiting: drain without pause
      const delay = healthy ? intervalMs : Math.min(intervalMs * 2 ** failures, maxBackoffMs);
      if (pendingKick && healthy) {
        pendingKick = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      pendingKick = false;
    }
  })();

  return {
    kick() {
      pendingKick = true;
      wake?.();
    },
    isHealthy: () => healthy,
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
