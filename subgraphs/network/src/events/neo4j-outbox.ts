import type { Envelope, OutboxRow, OutboxStore } from '@flock/events';
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

/**
 * The network outbox: (:OutboxEvent:OutboxPending) nodes written by the follow/unfollow
 * Cypher in the same transaction as the FOLLOWS change. Publishing removes the Pending label.
 */
export function neo4jOutbox(driver: Driver): OutboxStore {
  return {
    async publishPending(limit, publish) {
      // Idle polls only read: the write transaction (and its lock) is taken when there is work.
      const { records } = await driver.executeQuery(
        'RETURN EXISTS { (:OutboxPending) } AS pending',
        {},
        { routing: 'READ' },
      );
      if (records[0]?.get('pending') !== true) return 0;
      const session = driver.session();
      try {
        return await session.executeWrite(async (tx) => {
          // One relay at a time (replicas wait here), so no event is published twice:
          // the next relay reads the pending set only after this transaction committed.
          await tx.run("MERGE (lock:OutboxLock {name: 'network'}) SET lock.heldAt = datetime()");
          const result = await tx.run(
            `MATCH (e:OutboxPending)
             WITH e ORDER BY e.createdAt, e.id LIMIT $limit
             RETURN e.id AS id, e.topic AS topic, e.envelope AS envelope`,
            { limit: int(limit) },
          );
          const rows: OutboxRow[] = result.records.map((r) => ({
            id: r.get('id'),
            topic: r.get('topic'),
            envelope: JSON.parse(r.get('envelope')),
          }));
          if (rows.length === 0) return 0;
          await publish(rows); // throws: the transaction rolls back, events stay pending
          await tx.run(
            'MATCH (e:OutboxPending) WHERE e.id IN $ids REMOVE e:OutboxPending SET e.publishedAt = datetime()',
            { ids: rows.map((r) => r.id) },
          );
          return rows.length;
        });
      } finally {
        await session.close();
      }
    },
  };
}
