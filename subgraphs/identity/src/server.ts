import type { AccessTokenVerifier, SigningKey } from '@flock/auth';
import { startSubgraphServer } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { type RequestHandler, type ResourceRegistry, sendJson } from '@flock/service';
import { createContext, type IdentityContext, type IdentityServices } from './context';
import { clientAddressOf, clientAgentOf } from './domain/client-address';
import { buildSchema } from './schema';

export interface IdentityServerDeps extends IdentityServices {
  verifyAccessToken: AccessTokenVerifier;
  signingKey: SigningKey;
  logger: Logger;
}

/**
 * The identity subgraph's Apollo Server, started and registered for shutdown. Unlike the other
 * subgraphs it also serves /.well-known/jwks.json: the public keys every service verifies
 * access tokens with.
 */
export async function startIdentityServer(resources: ResourceRegistry, deps: IdentityServerDeps) {
  const { apollo, handler: graphql } = await startSubgraphServer<IdentityContext>(resources, {
    schema: buildSchema(),
    logger: deps.logger,
    context: async (req, correlationId) =>
      createContext(
        deps,
        await deps.verifyAccessToken(req.headers.authorization),
        correlationId,
        clientAddressOf(req),
        clientAgentOf(req),
      ),
  });
  const handler: RequestHandler = (req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.setHeader('cache-control', 'public, max-age=300');
      return sendJson(res, 200, deps.signingKey.jwks);
    }
    return graphql(req, res);
  };
  return { apollo, handler };
}
