import { requireViewer } from '@flock/auth';
import type { Envelope } from '@flock/events';
import { unauthenticated } from '@flock/graphql';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { NetworkContext } from '../context';
import { checkFollowTarget } from '../domain/follows';
import {
  type FollowChange,
  followedEvent,
  sequencedOutboxNode,
  unfollowedEvent,
} from '../events/follow-events';
import type { Neo4jResolver, Neo4jRootResolvers, Neo4jUser } from './neo4j-resolvers';

type FollowResolver = NonNullable<MutationResolvers['follow']>;

/**
 * follow/unfollow: check the target (making its node if identity has the account and the
 * graph does not yet), build the event from the contract, then let the generated resolver
 * write the change and the event, numbered by the follower's follow clock, in one
 * transaction (schema.graphql) and resolve the User; once it committed, wake the outbox relay.
 */
function followChange(
  write: Neo4jResolver<{ userId: string }, Neo4jUser>,
  eventOf: (change: FollowChange) => Envelope<object>,
): FollowResolver {
  return async (root, args, ctx, info) => {
    const viewer = requireViewer(ctx.viewer);
    // A deleted account's access token lives on for minutes: it must not make its node again.
    if (await ctx.graph.isDeleted(viewer.id)) {
      throw unauthenticated('The account of this token no longer exists');
    }
    // Neo4j slow or down: the shared error formatting answers SERVICE_UNAVAILABLE.
    await checkFollowTarget(ctx.graph, viewer, args.userId, ctx.correlationId);
    const event = eventOf({
      followerId: viewer.id,
      followeeId: args.userId,
      at: ctx.now,
      correlationId: ctx.correlationId,
    });
    const user = await write(root, args, withOutboxEvent(ctx, event), info);
    ctx.graph.onOutboxWrite();
    return user;
  };
}

/**
 * The context with `$outboxEvent` for this field's Cypher. A copy: one operation may follow
 * and unfollow several users, each with its own event.
 */
function withOutboxEvent(ctx: NetworkContext, event: Envelope<object>): NetworkContext {
  return {
    ...ctx,
    cypherParams: { ...ctx.cypherParams, outboxEvent: sequencedOutboxNode(event) },
  };
}

export function mutationResolvers(neo4j: Neo4jRootResolvers): Required<MutationResolvers> {
  return {
    follow: followChange(neo4j.follow, followedEvent),
    unfollow: followChange(neo4j.unfollow, unfollowedEvent),
  };
}
