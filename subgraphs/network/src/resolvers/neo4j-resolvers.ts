import { notFound } from '@flock/graphql';
import type { GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type {
  MutationFollowArgs,
  MutationUnfollowArgs,
  QuerySuggestedFollowsArgs,
} from '../__generated__/resolvers-types';
import type { NetworkContext } from '../context';

/**
 * A User as @neo4j/graphql resolves it: its projection of the fields the operation selected
 * (all of them read by the same Cypher query), answered by the library's own field resolvers.
 * Opaque to ours, which only hand it on.
 */
export type Neo4jUser = { readonly [field: string]: unknown };

/**
 * A root field resolver that @neo4j/graphql generated from an @cypher statement. It reads the
 * field's arguments from `info` (the operation and its variables), not from `args`: what it
 * runs can only be changed through the context (`cypherParams`).
 */
export type Neo4jResolver<TArgs, TResult> = (
  root: unknown,
  args: TArgs,
  ctx: NetworkContext,
  info: GraphQLResolveInfo,
) => Promise<TResult>;

/**
 * The generated resolvers our resolvers call once they have validated the input: each
 * translates the whole selection (the field's Cypher and every nested field) into one query.
 */
export interface Neo4jRootResolvers {
  suggestedFollows: Neo4jResolver<QuerySuggestedFollowsArgs, Neo4jUser[]>;
  follow: Neo4jResolver<MutationFollowArgs, Neo4jUser>;
  unfollow: Neo4jResolver<MutationUnfollowArgs, Neo4jUser>;
}

/** Takes them from the schema the library built, before ours are installed in their place. */
export function neo4jRootResolvers(schema: GraphQLSchema): Neo4jRootResolvers {
  const suggestedFollows = generated(schema.getQueryType(), 'suggestedFollows');
  const follow = generated(schema.getMutationType(), 'follow');
  const unfollow = generated(schema.getMutationType(), 'unfollow');
  return {
    suggestedFollows: async (root, args, ctx, info) =>
      usersOf(await suggestedFollows(root, args, ctx, info)),
    // No row: the user was deleted after our check found them.
    follow: async (root, args, ctx, info) => userOf(await follow(root, args, ctx, info)),
    unfollow: async (root, args, ctx, info) => userOf(await unfollow(root, args, ctx, info)),
  };
}

function generated(type: GraphQLObjectType | null | undefined, fieldName: string) {
  const resolve = type?.getFields()[fieldName]?.resolve;
  if (!resolve) throw new Error(`@neo4j/graphql generated no resolver for ${fieldName}`);
  return resolve;
}

function isUser(value: unknown): value is Neo4jUser {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function userOf(value: unknown): Neo4jUser {
  if (!isUser(value)) throw notFound('User', 'userId');
  return value;
}

function usersOf(value: unknown): Neo4jUser[] {
  if (!Array.isArray(value) || !value.every(isUser)) {
    throw new Error('@neo4j/graphql resolved a list of users to something else');
  }
  return value;
}
