import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types from the contract (`npm run codegen`; CI fails while they are stale). No
 * mappers: `User`'s parent is the federation reference ({ __typename, id }) as it comes, and
 * a page's edges hold `Post` references, which is all the feed knows of either.
 */
export const generates: CodegenConfig['generates'] = {
  'subgraphs/feed/src/__generated__/resolvers-types.ts': {
    schema: 'subgraphs/feed/schema.graphql',
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useIndexSignature: true,
      useTypeImports: true,
      contextType: '../context#FeedContext',
    },
  },
};
