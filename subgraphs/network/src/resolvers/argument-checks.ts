import { requireViewer } from '@flock/auth';
import { badUserInput, notFound } from '@flock/graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { NetworkContext } from '../context';
import { userExists } from '../domain/graph';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check = (args: Record<string, unknown>, ctx: NetworkContext) => Promise<void>;

/** follow/unfollow: signed in, a well-formed id, not yourself, someone who exists. */
const followTarget: Check = async (args, ctx) => {
  const viewer = requireViewer(ctx.viewer);
  const userId = String(args.userId);
  if (!UUID.test(userId))
    throw badUserInput({ field: 'userId', message: 'is not a valid user id' });
  if (userId.toLowerCase() === viewer.id.toLowerCase()) {
    throw badUserInput({ field: 'userId', message: 'you cannot follow yourself' });
  }
  if (!(await userExists(ctx.driver, userId))) throw notFound('User', 'userId');
};

const signedIn: Check = async (_args, ctx) => {
  requireViewer(ctx.viewer);
};

const checks: Record<string, Record<string, Check>> = {
  Mutation: { follow: followTarget, unfollow: followTarget },
  Query: { suggestedFollows: signedIn },
};

/**
 * Runs our checks before the resolvers @neo4j/graphql generated for Cypher fields, so bad
 * input gets our coded errors instead of a failed Cypher statement; after a mutation, wakes
 * the outbox relay.
 */
export function withArgumentChecks(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(checks)) {
    const type = typeName === 'Mutation' ? schema.getMutationType() : schema.getQueryType();
    for (const [fieldName, check] of Object.entries(fields)) {
      const field = type?.getFields()[fieldName];
      if (!field?.resolve) throw new Error(`${typeName}.${fieldName} has no resolver to wrap`);
      const resolve = field.resolve as GraphQLFieldResolver<unknown, NetworkContext>;
      field.resolve = async (source, args, ctx, info) => {
        await check(args, ctx);
        const result = await resolve(source, args, ctx, info);
        // follow/unfollow wrote their event in the same transaction: publish it now.
        if (typeName === 'Mutation') ctx.onOutboxWrite();
        return result;
      };
    }
  }
  return schema;
}
