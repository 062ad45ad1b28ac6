import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from the contract (`npm run codegen`; CI fails while they are stale). */
export const generates: CodegenConfig['generates'] = {
  'subgraphs/posts/src/__generated__/resolvers-types.ts': {
    schema: 'subgraphs/posts/schema.graphql',
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      contextType: '../context#PostsContext',
      mappers: {
        Post: '../generated/prisma/client#Post as PostModel',
        User: '../domain/posts#UserRef',
      },
      scalars: { DateTime: { input: 'Date', output: 'Date | string' } },
    },
  },
};
