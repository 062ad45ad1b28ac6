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

export async function userExists(driver: Driver, userId: string): Promise<boolean> {
  const { records } = await driver.executeQuery(
    'RETURN EXISTS { (:User {id: $userId}) } AS exists',
    { userId },
    { routing: 'READ' },
  );
  return records[0]?.get('exists') === true;
}
