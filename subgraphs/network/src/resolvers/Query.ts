import { requireViewer } from '@flock/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { Neo4jRootResolvers } from './neo4j-resolvers';

/** Signed in (our UNAUTHENTICATED, before the library's @authentication), then the Cypher. */
export function queryResolvers(neo4j: Neo4jRootResolvers): Required<QueryResolvers> {
  return {
    suggestedFollows: (root, args, ctx, info) => {
      requireViewer(ctx.viewer);
      return neo4j.suggestedFollows(root, args, ctx, info);
    },
  };
}
