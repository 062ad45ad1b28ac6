import type { Driver } from 'neo4j-driver';

/**
 * Constraints the graph relies on, created idempotently: by the subgraph and the worker at
 * start-up outside production, by the migrate job (`node dist/jobs/migrate.js`) in production.
 */
export async function ensureGraphSchema(driver: Driver): Promise<void> {
  await driver.executeQuery(
    'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE',
  );
  await driver.executeQuery(
    'CREATE CONSTRAINT deleted_user_id IF NOT EXISTS FOR (u:DeletedUser) REQUIRE u.id IS UNIQUE',
  );
  await driver.executeQuery(
    'CREATE CONSTRAINT outbox_event_id IF NOT EXISTS FOR (e:OutboxEvent) REQUIRE e.id IS UNIQUE',
  );
}
