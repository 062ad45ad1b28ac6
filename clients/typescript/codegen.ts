import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The SDK's typed operations, from the clients' schema (schema/api.graphql): `graphql(`…`)`
 * in src/ returns a TypedDocumentString, a plain string that carries the operation's result
 * and variable types, so the SDK needs no `graphql` runtime (it runs in browsers).
 */
export const generates: CodegenConfig['generates'] = {
  'clients/typescript/src/__generated__/': {
    preset: 'client',
    schema: 'schema/api.graphql',
    documents: ['clients/typescript/src/**/*.ts', '!clients/typescript/src/__generated__/**'],
    presetConfig: { fragmentMasking: false },
    config: {
      documentMode: 'string',
      useTypeImports: true,
      enumsAsTypes: true,
      scalars: { DateTime: 'string', ID: { input: 'string', output: 'string' } },
    },
  },
};
