import type { Driver } from 'neo4j-driver';

/** Constraints the graph relies on; created at start-up, idempotently. */
export async function ensureGraphSchema(driver: Driver): Promise<void> {
  await driver.executeQuery(
    'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE',
  );
  await driver.executeQuery(
    'CREATE CONSTRAINT outbox_event_id IF NOT EXISTS FOR (e:OutboxEvent) REQUIRE e.id IS UNIQUE',
  );
}

/** Creates the node of a registered user; replaying the event changes nothing. */
export async function addUser(driver: Driver, userId: string, registeredAt: string): Promise<void> {
  await driver.executeQuery(
    'MERGE (u:User {id: $userId}) ON CREATE SET u.createdAt = datetime($registeredAt)',
    { userId, registeredAt },
  );
}

/**
 * What the resolvers read of the graph themselves (everything else they leave to
 * @neo4j/graphql), and the outbox's wake-up after a write.
 */
export interface FollowGraph {
  userExists(userId: string): Promise<boolean>;
  /** Wakes the outbox relay: call once a write that may have added an event committed. */
  onOutboxWrite(): void;
}

export function followGraph(driver: Driver, onOutboxWrite: () => void): FollowGraph {
  return {
    async userExists(userId) {
      const { records } = await driver.executeQuery(
        'RETURN EXISTS { (:User {id: $userId}) } AS exists',
        { userId },
        { routing: 'READ' },
      );
      return records[0]?.get('exists') === true;
    },
    onOutboxWrite,
  };
}
