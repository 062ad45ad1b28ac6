import type { Viewer } from '@flock/auth';
import type { Driver } from 'neo4j-driver';

/** What @neo4j/graphql reads ($jwt; cypherParams become $now and $correlationId) plus our own. */
export interface NetworkContext {
  viewer: Viewer | null;
  /** The request's correlation id (also `$correlationId` in Cypher, for the outbox). */
  correlationId: string;
  driver: Driver;
  /** The verified token's claims: `$jwt` in Cypher, checked by @authentication. */
  jwt?: { sub: string; sid: string };
  cypherParams: { now: string; correlationId: string };
  /** Called after a mutation that may have written to the outbox. */
  onOutboxWrite: () => void;
}

export function createContext(
  driver: Driver,
  viewer: Viewer | null,
  onOutboxWrite: () => void,
  correlationId: string,
): NetworkContext {
  return {
    viewer,
    correlationId,
    driver,
    onOutboxWrite,
    ...(viewer ? { jwt: { sub: viewer.id, sid: viewer.sessionId } } : {}),
    cypherParams: {
      now: new Date().toISOString(),
      correlationId,
    },
  };
}
