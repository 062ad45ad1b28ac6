import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from the contract (`npm run codegen`; CI fails while they are stale). */
export const generates: CodegenConfig['generates'] = {
  'subgraphs/identity/src/__generated__/resolvers-types.ts': {
    schema: 'subgraphs/identity/schema.graphql',
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      contextType: '../context#IdentityContext',
      mappers: {
        User: '../generated/prisma/client#User as UserModel',
        AuthPayload: '../domain/sessions#SignedIn',
        OidcSignInResult: '../domain/oidc#OidcSignInResult as OidcSignInResultModel',
      },
      scalars: { DateTime: { input: 'Date', output: 'Date | string' } },
    },
  },
};
