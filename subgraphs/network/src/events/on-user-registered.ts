import type { Envelope, PayloadOf, userRegistered } from '@flock/events';
import type { Driver } from 'neo4j-driver';
import { addUser } from '../domain/graph';

/** A registered user becomes a node of the graph (MERGE: replays create nothing). */
export function onUserRegistered(driver: Driver) {
  return (event: Envelope<PayloadOf<typeof userRegistered>>) =>
    addUser(driver, event.payload.userId, event.payload.registeredAt);
}
