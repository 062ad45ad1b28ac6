import type { Viewer } from '@flock/auth';
import { badUserInput, isUuid, notFound, serviceUnavailable } from '@flock/graphql';
import { CORRELATION_HEADER, type Logger } from '@flock/logger';
import { z } from 'zod';
import type { FollowGraph } from './graph';

/**
 * The user to follow or unfollow: a well-formed id, not the viewer, someone in the graph. Bad
 * input gets our coded errors here rather than a Cypher statement that matches nothing.
 *
 * A user's node is made from their registration event (the network worker), some tens of ms
 * after registration returns, or whenever Kafka is back. So a user the graph does not have
 * yet is looked up in identity, which owns accounts: one identity has, the graph gets now
 * (the same MERGE as the worker's, which then changes nothing); one it does not is NOT_FOUND;
 * identity not answering is SERVICE_UNAVAILABLE.
 */
export async function checkFollowTarget(
  graph: FollowGraph,
  viewer: Viewer,
  userId: string,
  correlationId: string,
): Promise<void> {
  if (!isUuid(userId)) throw badUserInput({ field: 'userId', message: 'is not a valid user id' });
  if (userId.toLowerCase() === viewer.id.toLowerCase()) {
    throw badUserInput({ field: 'userId', message: 'you cannot follow yourself' });
  }
  if (await graph.userExists(userId)) return;
  const registeredAt = await graph.accounts.registeredAt(userId, correlationId);
  if (registeredAt === null) throw notFound('User', 'userId');
  await graph.addUser(userId, registeredAt);
}

/**
 * Identity's accounts as the network sees them: when an account was registered, null when
 * there is none. Throws SERVICE_UNAVAILABLE when identity cannot say.
 */
export interface AccountDirectory {
  registeredAt(userId: string, correlationId: string): Promise<string | null>;
}

export interface IdentityAccountsOptions {
  /** Identity's subgraph endpoint (its /graphql, as the gateway calls it). */
  url: string;
  timeoutMs: number;
  logger: Logger;
}

// Federation's own entity lookup, as the gateway makes it: identity's User reference resolver
// answers null for an id it has no account for.
const ACCOUNT_QUERY =
  'query NetworkAccountLookup($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id createdAt } } }';

// An answer with errors (identity's database down, ...) says nothing about the account.
const accountAnswer = z.object({
  data: z.object({
    _entities: z.tuple([z.object({ id: z.string(), createdAt: z.iso.datetime() }).nullable()]),
  }),
  errors: z.never().optional(),
});

/** The AccountDirectory of identity's subgraph, over HTTP, each lookup bounded by `timeoutMs`. */
export function identityAccounts({
  url,
  timeoutMs,
  logger,
}: IdentityAccountsOptions): AccountDirectory {
  return {
    async registeredAt(userId, correlationId) {
      let answer: unknown;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CORRELATION_HEADER]: correlationId },
          body: JSON.stringify({
            query: ACCOUNT_QUERY,
            variables: { representations: [{ __typename: 'User', id: userId }] },
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        answer = await response.json();
      } catch (error) {
        logger.warn({ err: error, userId }, 'identity did not answer an account lookup');
        throw serviceUnavailable('identity');
      }
      const parsed = accountAnswer.safeParse(answer);
      if (!parsed.success) {
        logger.warn({ answer, userId }, 'identity could not look an account up');
        throw serviceUnavailable('identity');
      }
      return parsed.data.data._entities[0]?.createdAt ?? null;
    },
  };
}
