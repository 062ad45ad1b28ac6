import { randomUUID } from 'node:crypto';
import type { Envelope, OutboxRow, OutboxStore } from '@flock/events';
import type { TraceCarrier } from '@flock/telemetry';
import { type Driver, int } from 'neo4j-driver';

/**
 * The properties of an (:OutboxEvent:OutboxPending) node: the envelope as built (and
 * validated) by createEnvelope, as JSON (a node property holds no map), under its id and topic.
 */
export interface OutboxNode {
  id: string;
  topic: string;
  envelope: string;
}

/** The Cypher parameter a write passes for the event it announces (schema.graphql: $outboxEvent). */
export function outboxNodeOf(envelope: Envelope<unknown>): OutboxNode {
  return { id: envelope.id, topic: envelope.type, envelope: JSON.stringify(envelope) };
}

export interface Neo4jOutboxOptions {
  /** The lease's (:OutboxLock {name}) node. */
  name?: string;
  /** Who asks for the lease: a fresh random id per store, i.e. per relay process. */
  holder?: string;
  /** How long the lease lasts unless renewed (see DEFAULT_OUTBOX_LEASE_MS of @flock/db). */
  leaseMs?: number;
  /** The label of events waiting to be published; tests use their own to share the database. */
  pendingLabel?: string;
}

const LABEL = /^[A-Za-z][A-Za-z0-9_]*$/;

// A second MERGE of the lock (from before the constraint) left duplicates behind, which the
// constraint would refuse: keep one of each name.
const DEDUPLICATE_LOCKS = `
  MATCH (lock:OutboxLock)
  WITH lock.name AS name, collect(lock) AS locks
  WHERE size(locks) > 1
  UNWIND tail(locks) AS extra
  DETACH DELETE extra`;

const LOCK_CONSTRAINT =
  'CREATE CONSTRAINT outbox_lock_name IF NOT EXISTS FOR (lock:OutboxLock) REQUIRE lock.name IS UNIQUE';

// Neo4j reads committed data: two transactions could both read an expired lease and both
// write theirs. Setting a property first takes the node's write lock, so the second waits for
// the first to commit and then reads its holder (Neo4j manual, "Concurrent data access",
// lost updates). The unique constraint makes the MERGE of a new lock node race-free too.
const ACQUIRE = `
  MERGE (lock:OutboxLock {name: $name})
  SET lock._writeLock = true
  WITH lock, lock.holder AS holder, lock.expiresAt AS expiresAt
  REMOVE lock._writeLock, lock.heldAt
  WITH lock, holder, expiresAt
  WHERE holder IS NULL OR holder = $holder OR expiresAt <= datetime()
  SET lock.holder = $holder, lock.expiresAt = datetime() + duration({milliseconds: $leaseMs})
  RETURN lock.holder AS holder`;

/** The lock's uniqueness constraint, created once per driver (tried again after a failure). */
const lockConstraints = new WeakMap<Driver, Promise<void>>();

function ensureLockConstraint(driver: Driver): Promise<void> {
  let created = lockConstraints.get(driver);
  if (!created) {
    created = (async () => {
      await driver.executeQuery(DEDUPLICATE_LOCKS);
      await driver.executeQuery(LOCK_CONSTRAINT);
    })().catch((error: unknown) => {
      lockConstraints.delete(driver);
      throw error;
    });
    lockConstraints.set(driver, created);
  }
  return created;
}

/**
 * The network outbox: (:OutboxEvent:OutboxPending) nodes written by the follow/unfollow
 * Cypher in the same transaction as the FOLLOWS change, published by the relay holding the
 * lease of the (:OutboxLock {name}) node. Publishing removes the Pending label.
 */
export function neo4jOutbox(
  driver: Driver,
  {
    name = 'network',
    holder = randomUUID(),
    leaseMs = 60_000,
    pendingLabel = 'OutboxPending',
  }: Neo4jOutboxOptions = {},
): OutboxStore {
  if (!LABEL.test(pendingLabel)) throw new Error(`not a label: ${pendingLabel}`);
  return {
    leaseMs,

    async acquireLease() {
      await ensureLockConstraint(driver);
      // A relay standing by only reads until the lease is free: no write transaction a second.
      const { records: current } = await driver.executeQuery(
        `OPTIONAL MATCH (lock:OutboxLock {name: $name})
         RETURN lock IS NULL OR lock.holder IS NULL OR lock.holder = $holder
                OR lock.expiresAt <= datetime() AS free`,
        { name, holder },
        { routing: 'READ' },
      );
      if (current[0]?.get('free') !== true) return false;
      const { records } = await driver.executeQuery(
        ACQUIRE,
        { name, holder, leaseMs: int(leaseMs) },
        { routing: 'WRITE' },
      );
      return records.length === 1;
    },

    async releaseLease() {
      await driver.executeQuery(
        'MATCH (lock:OutboxLock {name: $name, holder: $holder}) REMOVE lock.holder, lock.expiresAt',
        { name, holder },
        { routing: 'WRITE' },
      );
    },

    async readPending(limit) {
      const { records } = await driver.executeQuery(
        `MATCH (e:${pendingLabel})
         WITH e ORDER BY e.createdAt, e.id LIMIT $limit
         RETURN e.id AS id, e.topic AS topic, e.envelope AS envelope,
                e.traceContext AS traceContext`,
        { limit: int(limit) },
        { routing: 'READ' },
      );
      return records.map(
        (r): OutboxRow => ({
          id: r.get('id'),
          topic: r.get('topic'),
          envelope: JSON.parse(r.get('envelope')),
          traceContext: traceContextOf(r.get('traceContext')),
        }),
      );
    },

    async markPublished(ids) {
      if (ids.length === 0) return;
      await driver.executeQuery(
        `MATCH (e:OutboxEvent) WHERE e.id IN $ids AND e:${pendingLabel}
         REMOVE e:${pendingLabel} SET e.publishedAt = datetime()`,
        { ids },
        { routing: 'WRITE' },
      );
    },

    async countPending() {
      const { records } = await driver.executeQuery(
        `MATCH (e:${pendingLabel}) RETURN count(e) AS pending`,
        {},
        { routing: 'READ' },
      );
      return Number(records[0]?.get('pending') ?? 0);
    },

    async backlog() {
      const { records } = await driver.executeQuery(
        `MATCH (e:${pendingLabel})
         RETURN count(e) AS count,
                coalesce(duration.inSeconds(min(e.createdAt), datetime()).seconds, 0) AS age`,
        {},
        { routing: 'READ' },
      );
      const record = records[0];
      return {
        count: Number(record?.get('count') ?? 0),
        oldestAgeSeconds: Math.max(0, Number(record?.get('age') ?? 0)),
      };
    },
  };
}

/** The stored trace context (JSON of the carrier), or null when absent or unreadable. */
function traceContextOf(value: unknown): TraceCarrier | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' ? (parsed as TraceCarrier) : null;
  } catch {
    return null;
  }
}
