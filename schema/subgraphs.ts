import { localStack } from '@flock/env';
import { typeDefs as identity } from '@flock/identity/type-defs';
import type { DocumentNode } from 'graphql';

/** Every subgraph of the supergraph, with the routing URL of the local stack. */
export const subgraphs: { name: string; url: string; typeDefs: DocumentNode }[] = [
  { name: 'identity', url: localStack.subgraphUrl('identity'), typeDefs: identity },
];
