import { printSubgraphSchema } from '@apollo/subgraph';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { withIndexedPages } from './follow-pages';
import { withPageDefaults } from './list-bounds';
import { withResolvers } from './resolvers';
import { typeDefs } from './type-defs';

/**
 * The executable subgraph schema: what @neo4j/graphql generates from schema.graphql, with our
 * default page sizes, our resolvers and the indexed pages of followers and following. Pure:
 * the driver is only kept for requests.
 */
export async function buildSchema(driver: Driver): Promise<GraphQLSchema> {
  const neo = new Neo4jGraphQL({ typeDefs, driver });
  return withServiceSdl(
    withIndexedPages(withResolvers(withPageDefaults(await neo.getSubgraphSchema())), driver),
  );
}

/**
 * `_service { sdl }` as printed from the final schema: the library's answer was printed before
 * withPageDefaults, so it would not show the default pages that composition sees.
 */
function withServiceSdl(schema: GraphQLSchema): GraphQLSchema {
  const service = schema.getQueryType()?.getFields()._service;
  if (!service) throw new Error('the subgraph schema has no _service field');
  const sdl = printSubgraphSchema(schema);
  service.resolve = () => ({ sdl });
  return schema;
}

/** The SDL this subgraph serves (what composition needs); no database involved. */
export async function subgraphTypeDefs(): Promise<DocumentNode> {
  const neo = new Neo4jGraphQL({ typeDefs });
  return parse(printSubgraphSchema(withPageDefaults(await neo.getSubgraphSchema())));
}
