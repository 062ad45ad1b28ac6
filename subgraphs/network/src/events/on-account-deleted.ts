import type { accountDeleted, Envelope, PayloadOf } from '@flock/events';
import type { Driver } from 'neo4j-driver';
import { removeUser } from '../domain/graph';

/** A deleted account leaves the graph with its follows; a tombstone keeps it out (removeUser). */
export function onAccountDeleted(driver: Driver) {
  return (event: Envelope<PayloadOf<typeof accountDeleted>>) =>
    removeUser(driver, event.payload.userId, event.payload.deletedAt);
}
