import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { AccessTokenVerifier, SigningKey } from '@flock/auth';
import { entityInvalidationPlugin, graphqlHandler, serviceApolloConfig } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { type RequestHandler, sendJson } from '@flock/service';
import { createContext, type IdentityContext } from './context';
import type { Accounts } from './domain/accounts';
import { clientAddressOf } from './domain/client-address';
import type { Sessions } from './domain/sessions';
import { buildSchema } from './schema';

export interface IdentityServerDeps {
  accounts: Accounts;
  sessions: Sessions;
  verifyAccessToken: AccessTokenVerifier;
  signingKey: SigningKey;
  logger: Logger;
}

/** The identity subgraph, ready to mount on an HTTP server; nothing starts at import. */
export async function createIdentityServer(deps: IdentityServerDeps) {
  const base = serviceApolloConfig<IdentityContext>(deps.logger);
  const apollo = new ApolloServer<IdentityContext>({
    ...base,
    schema: buildSchema(),
    plugins: [...base.plugins, ApolloServerPluginInlineTraceDisabled(), entityInvalidationPlugin()],
  });
  await apollo.start();

  const graphql = graphqlHandler({
    server: apollo,
    context: async (req, correlationId) =>
      createContext(
        deps,
        await deps.verifyAccessToken(req.headers.authorization),
        correlationId,
        clientAddressOf(req),
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
