import type { Viewer } from '@flock/auth';
import type { InvalidatingContext } from '@flock/graphql';
import DataLoader from 'dataloader';
import type { Accounts, Caller } from './domain/accounts';
import type { EmailChanges } from './domain/email-change';
import type { OidcSignIn } from './domain/oidc';
import type { PasswordResets } from './domain/password-reset';
import type { Sessions } from './domain/sessions';
import type { User } from './generated/prisma/client';

export interface IdentityContext extends InvalidatingContext {
  viewer: Viewer | null;
  /** The request's correlation id, carried by the events a mutation publishes. */
  correlationId: string;
  /** The client's address and correlation id, for limits and events. */
  caller: Caller & { correlationId: string };
  accounts: Accounts;
  sessions: Sessions;
  passwordResets: PasswordResets;
  emailChanges: EmailChanges;
  oidc: OidcSignIn;
  /** Batches every user lookup of one request into one query. */
  users: DataLoader<string, User | null>;
}

/** The domain services a request uses. */
export interface IdentityServices {
  accounts: Accounts;
  sessions: Sessions;
  passwordResets: PasswordResets;
  emailChanges: EmailChanges;
  oidc: OidcSignIn;
}

export function createContext(
  services: IdentityServices,
  viewer: Viewer | null,
  correlationId: string,
  client: string,
  userAgent: string | null = null,
): IdentityContext {
  const { accounts, sessions, passwordResets, emailChanges, oidc } = services;
  return {
    viewer,
    correlationId,
    caller: { client, correlationId, userAgent },
    accounts,
    sessions,
    passwordResets,
    emailChanges,
    oidc,
    users: new DataLoader((ids) => accounts.byIds(ids)),
  };
}
