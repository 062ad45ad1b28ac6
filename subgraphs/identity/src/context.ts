import type { Viewer } from '@flock/auth';
import DataLoader from 'dataloader';
import type { Accounts } from './domain/accounts';
import type { User } from './generated/prisma/client';

export interface IdentityContext {
  viewer: Viewer | null;
  /** The request's correlation id, carried by the events a mutation publishes. */
  correlationId: string;
  accounts: Accounts;
  /** Batches every user lookup of one request into one query. */
  users: DataLoader<string, User | null>;
}

export function createContext(
  accounts: Accounts,
  viewer: Viewer | null,
  correlationId: string,
): IdentityContext {
  return {
    viewer,
    correlationId,
    accounts,
    users: new DataLoader((ids) => accounts.byIds(ids)),
  };
}
