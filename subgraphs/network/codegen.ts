import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types (`npm run codegen`; CI fails while they are stale). From the schema this
 * subgraph serves, not from schema.graphql: that is @neo4j/graphql's input, and the fields
 * our resolvers answer (arguments, the generated User) exist only in what the library builds
 * from it. schema/network.graphql is that schema's snapshot, kept fresh by `npm run compose`
 * and its staleness test.
 */
export const generates: CodegenConfig['generates'] = {
  'subgraphs/network/src/__generated__/resolvers-types.ts': {
    schema: 'schema/network.graphql',
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      contextType: '../context#NetworkContext',
      // The library resolves a User (with every nested field) in one Cypher query: what our
      // resolvers hand on is its projection, opaque to them.
      mappers: { User: '../resolvers/neo4j-resolvers#Neo4jUser' },
      // Our resolvers are installed on the library's schema as graphql-js field resolvers.
      makeResolverTypeCallable: true,
      scalars: { DateTime: { input: 'string', output: 'string' } },
    },
  },
};
