import type { Driver } from 'neo4j-driver';
import type { AccountDirectory } from './follows';

/**
 * Creates the node of a registered user; replaying the event changes nothing. The node may
 * exist already without its registration time: made by a follow (the follower's MERGE, or a
 * target identity vouched for before this event arrived); then it gets it. A deleted account
 * (its `:DeletedUser` tombstone) never gets a node again, however late its registration comes.
 */
export async function addUser(
  driver: Driver,
  userId: string,
  registeredAt: string,
  timeoutMs?: number,
): Promise<void> {
  await driver.executeQuery(
    `OPTIONAL MATCH (gone:DeletedUser {id: $userId})
     WITH gone WHERE gone IS NULL
     MERGE (u:User {id: $userId})
       ON CREATE SET u.createdAt = datetime($registeredAt)
       ON MATCH SET u.createdAt = coalesce(u.createdAt, datetime($registeredAt))`,
    { userId, registeredAt },
    timeoutMs === undefined ? {} : { transactionConfig: { timeout: timeoutMs } },
  );
}

/**
 * Removes a deleted account from the graph: its node and every FOLLOWS in or out (so everyone
 * else's counts drop with it), leaving a `:DeletedUser` tombstone that addUser and follow
 * check, so no replayed or late event brings the node back. Idempotent.
 */
export async function removeUser(
  driver: Driver,
  userId: string,
  deletedAt: string,
  timeoutMs?: number,
): Promise<void> {
  await driver.executeQuery(
    `MERGE (gone:DeletedUser {id: $userId})
       ON CREATE SET gone.deletedAt = datetime($deletedAt)
     WITH gone
     OPTIONAL MATCH (u:User {id: $userId})
     DETACH DELETE u`,
    { userId, deletedAt },
    timeoutMs === undefined ? {} : { transactionConfig: { timeout: timeoutMs } },
  );
}

/**
 * What the resolvers read of the graph themselves (everything else they leave to
 * @neo4j/graphql), identity's accounts behind it, and the outbox's wake-up after a write.
 */
export interface FollowGraph {
  userExists(userId: string): Promise<boolean>;
  /** Whether the account was deleted (removeUser's tombstone). */
  isDeleted(userId: string): Promise<boolean>;
  /** Makes the node of a user identity knows, as the registration consumer does (addUser). */
  addUser(userId: string, registeredAt: string): Promise<void>;
  /** Identity's accounts: the users the graph will have once their registration is consumed. */
  accounts: AccountDirectory;
  /**
   * How long one transaction of a request may run (ms): these reads and writes, and those of
   * @neo4j/graphql, through the request's context. Undefined: the server's own limit.
   */
  transactionTimeoutMs?: number;
  /** Wakes the outbox relay: call once a write that may have added an event committed. */
  onOutboxWrite(): void;
}

export interface FollowGraphOptions {
  accounts: AccountDirectory;
  transactionTimeoutMs?: number;
}

export function followGraph(
  driver: Driver,
  onOutboxWrite: () => void,
  { accounts, transactionTimeoutMs }: FollowGraphOptions,
): FollowGraph {
  const transactionConfig =
    transactionTimeoutMs === undefined
      ? {}
      : { transactionConfig: { timeout: transactionTimeoutMs } };
  return {
    async userExists(userId) {
      const { records } = await driver.executeQuery(
        'RETURN EXISTS { (:User {id: $userId}) } AS exists',
        { userId },
        { routing: 'READ', ...transactionConfig },
      );
      return records[0]?.get('exists') === true;
    },
    async isDeleted(userId) {
      const { records } = await driver.executeQuery(
        'RETURN EXISTS { (:DeletedUser {id: $userId}) } AS deleted',
        { userId },
        { routing: 'READ', ...transactionConfig },
      );
      return records[0]?.get('deleted') === true;
    },
    addUser: (userId, registeredAt) => addUser(driver, userId, registeredAt, transactionTimeoutMs),
    accounts,
    transactionTimeoutMs,
    onOutboxWrite,
  };
}
