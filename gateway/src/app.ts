import { createAccessTokenVerifier, remoteKeys } from '@flock/auth';
import type { Logger } from '@flock/logger';
import { type RunningService, startHttpServer } from '@flock/service';
import type { GatewayEnv } from './env';
import { createGatewayServer } from './server';
import { loadSupergraph } from './supergraph';

/** Starts the gateway over the committed supergraph: used by main() and by tests. */
export async function startGateway(env: GatewayEnv, logger: Logger): Promise<RunningService> {
  const { apollo, handler } = await createGatewayServer({
    supergraphSdl: loadSupergraph(),
    subgraphUrls: env.subgraphUrls,
    verifyAccessToken: createAccessTokenVerifier(remoteKeys(env.IDENTITY_JWKS_URL), {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
    }),
    logger,
    sandbox: env.sandbox,
    introspection: env.introspection,
    maxBodyBytes: env.MAX_BODY_BYTES,
  });
  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    handler,
    readiness: {
      jwks: async () => {
        const response = await fetch(env.IDENTITY_JWKS_URL, { signal: AbortSignal.timeout(1500) });
        if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      },
    },
  });
  return {
    url: http.url,
    steps: [
      { name: 'http', close: () => http.close() },
      { name: 'apollo', close: () => apollo.stop() },
    ],
  };
}
