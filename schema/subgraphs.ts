import { localStack } from '@flock/env';
import { typeDefs as feed } from '@flock/feed/type-defs';
import { typeDefs as identity } from '@flock/identity/type-defs';
import { subgraphTypeDefs as network } from '@flock/network/schema';
import { typeDefs as posts } from '@flock/posts/type-defs';
import type { DocumentNode } from 'graphql';

export interface SubgraphDefinition {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/** Every subgraph of the supergraph, with the routing URL of the local stack. */
export async function loadSubgraphs(): Promise<SubgraphDefinition[]> {
  return [
    { name: 'identity', url: localStack.subgraphUrl('identity'), typeDefs: identity },
    { name: 'network', url: localStack.subgraphUrl('network'), typeDefs: await network() },
    { name: 'posts', url: localStack.subgraphUrl('posts'), typeDefs: posts },
    { name: 'feed', url: localStack.subgraphUrl('feed'), typeDefs: feed },
  ];
}
