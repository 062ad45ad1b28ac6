import { verifierFromEnv } from '@flock/auth';
import type { Logger } from '@flock/logger';
import { closeRedis, connectRedis, redisTarget } from '@flock/redis';
import { type RunningService, startService } from '@flock/service';
import { clientAddress } from './client-address';
import { withCors } from './cors';
import { EntityCache } from './entity-cache';
import { entityInvalidationBus } from './entity-invalidation-bus';
import type { GatewayEnv } from './env';
import { redisRateLimits } from './rate-limits';
import { createGatewayServer } from './server';
import { loadSupergraph } from './supergraph';

/** Starts the gateway over the committed supergraph: used by bin/server.ts and by tests. */
export function startGateway(env: GatewayEnv, logger: Logger): Promise<RunningService> {
  for (const setting of env.weakened)
    logger.warn({ setting }, 'security weakened by configuration');
  return startService(logger, async (resources) => {
    const redis = await connectRedis({
      ...redisTarget(env),
      commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      logger,
    });
    // Without Redis the gateway still answers (no cross-replica invalidation; in production
    // rate-limited requests are refused with a coded error): a health detail, not readiness.
    resources.add('redis', { health: () => redis.ping(), close: () => closeRedis(redis) });
    // The keys are needed once, fetched into the verifier's cache before the gateway is ready;
    // after that identity being down does not stop token checks (the verifier keeps the keys
    // it has), so the live fetch is a health detail.
    const verifyAccessToken = verifierFromEnv(env);
    resources.add('jwks', {
      ready: verifyAccessToken.keysReady,
      health: async () => {
        const response = await fetch(env.IDENTITY_JWKS_URL, { signal: AbortSignal.timeout(1500) });
        if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      },
    });
    const entityCache =
      env.ENTITY_CACHE_MAX_ENTRIES > 0
        ? new EntityCache(env.ENTITY_CACHE_MAX_ENTRIES, { metrics: resources.metrics })
        : undefined;
    const invalidations = entityCache
      ? await entityInvalidationBus(redis, entityCache, {
          channel: `${env.RATE_LIMIT_NAMESPACE}:entity-invalidations`,
          logger,
        })
      : undefined;
    if (invalidations) resources.add('entity invalidations', { close: invalidations.close });
    const { apollo, handler, closeSubgraphConnections } = await createGatewayServer({
      checkRateLimits: redisRateLimits(redis, env.rateLimits, resources.metrics),
      metrics: resources.metrics,
      supergraphSdl: loadSupergraph(env.SUPERGRAPH_PATH),
      subgraphUrls: env.subgraphUrls,
      verifyAccessToken,
      logger,
      sandbox: env.sandbox,
      introspection: env.introspection,
      maxBodyBytes: env.MAX_BODY_BYTES,
      entityCache,
      invalidateEntities: invalidations?.invalidate,
      clientAddress: clientAddress(env.TRUSTED_PROXIES),
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    });
    resources.add('subgraph connections', { close: closeSubgraphConnections });
    resources.add('apollo', { close: () => apollo.stop() });
    return {
      host: env.HOST,
      port: env.PORT,
      handler: withCors({ origins: env.corsOrigins }, handler),
    };
  });
}
