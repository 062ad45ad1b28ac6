import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the end-to-end tests' operations, from the clients' schema
 * (schema/api.graphql): `gql(`…`)` in gateway/test returns a TypedDocumentNode, so an
 * operation's variables and result are checked by the compiler.
 */
export const generates: CodegenConfig['generates'] = {
  'gateway/test/__generated__/': {
    preset: 'client',
    schema: 'schema/api.graphql',
    documents: ['gateway/test/**/*.ts', '!gateway/test/__generated__/**'],
    presetConfig: { gqlTagName: 'gql', fragmentMasking: false },
    config: {
      useTypeImports: true,
      enumsAsTypes: true,
      scalars: { DateTime: 'string', ID: { input: 'string', output: 'string' } },
    },
  },
};
