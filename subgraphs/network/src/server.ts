import type { AccessTokenVerifier } from '@flock/auth';
import { startSubgraphServer } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import type { ResourceRegistry } from '@flock/service';
import type { Driver } from 'neo4j-driver';
import { createContext, type NetworkContext } from './context';
import type { FollowGraph } from './domain/graph';
import { listBoundsPlugin } from './list-bounds';
import { buildSchema } from './schema';

/** @neo4j/graphql raises its auth failures without a code: give them ours. */
function libraryErrorCode(error: unknown): string | undefined {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'Neo4jGraphQLAuthenticationError') return 'UNAUTHENTICATED';
  if (name === 'Neo4jGraphQLForbiddenError') return 'FORBIDDEN';
  return undefined;
}

export interface NetworkServerDeps {
  driver: Driver;
  graph: FollowGraph;
  verifyAccessToken: AccessTokenVerifier;
  logger: Logger;
}

/** The network subgraph's Apollo Server, started and registered for shutdown. */
export async function startNetworkServer(resources: ResourceRegistry, deps: NetworkServerDeps) {
  return startSubgraphServer<NetworkContext>(resources, {
    schema: await buildSchema(deps.driver),
    logger: deps.logger,
    codeOf: libraryErrorCode,
    // Besides the kit's page bounds: the row budget, filter lists, and this subgraph's answer
    // to an `application/json` request that it refuses (src/list-bounds.ts).
    plugins: [listBoundsPlugin()],
    context: async (req, correlationId) =>
      createContext(
        deps.graph,
        await deps.verifyAccessToken(req.headers.authorization),
        correlationId,
      ),
  });
}
