import type { Driver } from 'neo4j-driver';

/**
 * Indexes of FOLLOWS by each end's id and the follow's time: pages of a user's followers or
 * following newest first, read in index order (src/follow-pages.ts). A relationship index
 * cannot name the nodes at its ends, so each FOLLOWS carries their ids (`follower`,
 * `followee`, written by follow; users' ids never change).
 */
const FOLLOWS_INDEXES = {
  follows_followee_created: 'followee',
  follows_follower_created: 'follower',
} as const;

/** How many FOLLOWS one transaction of the backfill fills in. */
const BACKFILL_BATCH = 10_000;

/**
 * How long the backfill and the wait for the indexes may take: longer than the server's
 * default transaction timeout (10 s locally), which a client's own timeout overrides. Measured
 * on this 2-core machine under load: filling in a million FOLLOWS took about a minute; the scan
 * that finds nothing to fill, under a second per million.
 */
const MIGRATION_TIMEOUT_MS = 30 * 60_000;

/**
 * Constraints and indexes the graph relies on, created idempotently: by the subgraph and the
 * worker at start-up outside production, by the migrate job (`node dist/jobs/migrate.js`) in
 * production. FOLLOWS written before they carried their ends' ids get them (batched; a scan of
 * the FOLLOWS that changes nothing once done), and the indexes are online when this returns.
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
  for (const [name, end] of Object.entries(FOLLOWS_INDEXES)) {
    await driver.executeQuery(
      `CREATE INDEX ${name} IF NOT EXISTS FOR ()-[f:FOLLOWS]-() ON (f.${end}, f.createdAt)`,
    );
  }
  // CALL { } IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.run.
  const session = driver.session();
  try {
    await session.run(
      `MATCH (follower)-[follow:FOLLOWS]->(followee)
       WHERE follow.follower IS NULL OR follow.followee IS NULL
       CALL (follow, follower, followee) {
         SET follow.follower = follower.id, follow.followee = followee.id
       } IN TRANSACTIONS OF ${BACKFILL_BATCH} ROWS`,
      {},
      { timeout: MIGRATION_TIMEOUT_MS },
    );
    await session.run(
      `CALL db.awaitIndexes(${MIGRATION_TIMEOUT_MS / 1000})`,
      {},
      { timeout: MIGRATION_TIMEOUT_MS },
    );
  } finally {
    await session.close();
  }
}
