import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers';
import { typeDefs } from './type-defs';

/** The executable subgraph schema: pure, no I/O. */
export function buildSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
