import type { Viewer } from '@flock/auth';
import { currentCorrelationId } from '@flock/logger';
import type { Driver } from 'neo4j-driver';
import { uuidv7 } from 'uuidv7';

/** What @neo4j/graphql reads ($jwt; cypherParams become $now and $correlationId) plus our own. */
export interface NetworkContext {
  viewer: Viewer | null;
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
): NetworkContext {
  return {
    viewer,
    driver,
    onOutboxWrite,
    ...(viewer ? { jwt: { sub: viewer.id, sid: viewer.sessionId } } : {}),
    cypherParams: {
      now: new Date().toISOString(),
      correlationId: currentCorrelationId() ?? uuidv7(),
    },
  };
}
