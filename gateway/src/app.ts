import { verifierFromEnv } from '@flock/auth';
import type { Logger } from '@flock/logger';
import { type RunningService, startHttpServer } from '@flock/service';
import { createClient } from 'redis';
import type { GatewayEnv } from './env';
import { redisRateLimits } from './rate-limits';
import { createGatewayServer } from './server';
import { loadSupergraph } from './supergraph';

/** Starts the gateway over the committed supergraph: used by main() and by tests. */
export async function startGateway(env: GatewayEnv, logger: Logger): Promise<RunningService> {
  const redis = createClient({ url: env.REDIS_URL });
  redis.on('error', (err) => logger.error({ err }, 'redis error'));
  await redis.connect();
  const { apollo, handler } = await createGatewayServer({
    checkRateLimits: redisRateLimits(redis, env.rateLimits),
    supergraphSdl: loadSupergraph(),
    subgraphUrls: env.subgraphUrls,
    verifyAccessToken: verifierFromEnv(env),
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
      redis: () => redis.ping(),
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
      { name: 'redis', close: () => redis.quit() },
    ],
  };
}
