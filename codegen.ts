import type { CodegenConfig } from '@graphql-codegen/cli';
import { generates as typescriptClient } from './clients/typescript/codegen';
import { generates as gatewayTests } from './gateway/codegen';
import { generates as feed } from './subgraphs/feed/codegen';
import { generates as identity } from './subgraphs/identity/codegen';
import { generates as network } from './subgraphs/network/codegen';
import { generates as posts } from './subgraphs/posts/codegen';

/**
 * Every generated GraphQL type of the repo, from each service's `codegen.ts`:
 * `npm run codegen` writes them, `npm run codegen:check` (CI) fails while any is stale.
 */
const config: CodegenConfig = {
  generates: { ...posts, ...feed, ...identity, ...network, ...gatewayTests, ...typescriptClient },
  // Until the first typed document exists in a folder, its output is not an error.
  ignoreNoDocuments: true,
};
export default config;
