import type { GraphQLSchema } from 'graphql';
import type {
  MutationResolvers,
  QueryResolvers,
  Resolvers,
} from '../__generated__/resolvers-types';
import { mutationResolvers } from './Mutation';
import { type Neo4jRootResolvers, neo4jRootResolvers } from './neo4j-resolvers';
import { queryResolvers } from './Query';

/**
 * Our resolvers: the root fields that take input. Everything else (User and its lists,
 * connections and counts, `_entities`) is what @neo4j/graphql generated.
 */
export interface NetworkResolvers extends Resolvers {
  Query: Required<QueryResolvers>;
  Mutation: Required<MutationResolvers>;
}

export function networkResolvers(neo4j: Neo4jRootResolvers): NetworkResolvers {
  return { Query: queryResolvers(neo4j), Mutation: mutationResolvers(neo4j) };
}

/**
 * Puts our resolvers in place of the generated ones on the schema @neo4j/graphql built; they
 * call the generated ones (taken from the schema first) after their checks. The library's
 * own `resolvers` option would replace them, leaving nothing to translate the selection.
 */
export function withResolvers(schema: GraphQLSchema): GraphQLSchema {
  const resolvers = networkResolvers(neo4jRootResolvers(schema));
  const roots = [
    [schema.getQueryType(), resolvers.Query],
    [schema.getMutationType(), resolvers.Mutation],
  ] as const;
  for (const [type, fields] of roots) {
    for (const [name, resolve] of Object.entries(fields)) {
      const field = type?.getFields()[name];
      if (!field) throw new Error(`the schema has no field ${name} to resolve`);
      field.resolve = resolve;
    }
  }
  return schema;
}
