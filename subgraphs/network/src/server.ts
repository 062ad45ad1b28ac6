import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { AccessTokenVerifier } from '@flock/auth';
import { graphqlHandler, serviceApolloConfig } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import type { Driver } from 'neo4j-driver';
import { createContext, type NetworkContext } from './context';
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
  verifyAccessToken: AccessTokenVerifier;
  logger: Logger;
  onOutboxWrite: () => void;
}

export async function createNetworkServer(deps: NetworkServerDeps) {
  const base = serviceApolloConfig<NetworkContext>(deps.logger, libraryErrorCode);
  const apollo = new ApolloServer<NetworkContext>({
    ...base,
    schema: await buildSchema(deps.driver),
    plugins: [...base.plugins, ApolloServerPluginInlineTraceDisabled(), listBoundsPlugin()],
  });
  await apollo.start();
  const handler = graphqlHandler({
    server: apollo,
    context: async (req, correlationId) =>
      createContext(
        deps.driver,
        await deps.verifyAccessToken(req.headers.authorization),
        deps.onOutboxWrite,
        correlationId,
      ),
  });
  return { apollo, handler };
}
