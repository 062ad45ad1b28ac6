import type { Viewer } from '@flock/auth';
import type { InvalidatingContext } from '@flock/graphql';
import type { FollowGraph } from './domain/graph';

/** What @neo4j/graphql reads (`jwt`, `cypherParams`) plus our own. */
export interface NetworkContext extends InvalidatingContext {
  viewer: Viewer | null;
  /** The request's correlation id, carried by the events a mutation writes. */
  correlationId: string;
  /** The request's time: when its follows happened. */
  now: Date;
  /** The graph's own reads and the outbox's wake-up, for the resolvers. */
  graph: FollowGraph;
  /** The verified token's claims: `$jwt` in Cypher, checked by @authentication. */
  jwt?: { sub: string; sid: string };
  /** Extra Cypher parameters: `$now`; a mutation adds its outbox event (resolvers/Mutation.ts). */
  cypherParams: Record<string, unknown> & { now: string };
  /** @neo4j/graphql's transaction settings: each of its transactions is bounded. */
  transaction?: { timeout: number };
}

export function createContext(
  graph: FollowGraph,
  viewer: Viewer | null,
  correlationId: string,
  now = new Date(),
): NetworkContext {
  return {
    viewer,
    correlationId,
    now,
    graph,
    ...(viewer ? { jwt: { sub: viewer.id, sid: viewer.sessionId } } : {}),
    cypherParams: { now: now.toISOString() },
    ...(graph.transactionTimeoutMs === undefined
      ? {}
      : { transaction: { timeout: graph.transactionTimeoutMs } }),
  };
}
