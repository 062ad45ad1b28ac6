import type { Viewer } from '@flock/auth';
import type { Logger } from '@flock/logger';
import DataLoader from 'dataloader';
import type { Accounts } from './domain/accounts';
import type { User } from './generated/prisma/client';

export interface IdentityContext {
  viewer: Viewer | null;
  logger: Logger;
  accounts: Accounts;
  /** Batches every user lookup of one request into one query. */
  users: DataLoader<string, User | null>;
}

export function createContext(
  accounts: Accounts,
  viewer: Viewer | null,
  logger: Logger,
): IdentityContext {
  return {
    viewer,
    logger,
    accounts,
    users: new DataLoader((ids) => accounts.byIds(ids)),
  };
}
