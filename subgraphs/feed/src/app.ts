import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { verifierFromEnv } from '@flock/auth';
import { graphqlHandler, paginationLimitsPlugin, serviceApolloConfig } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { connectRedis } from '@flock/redis';
import { type RunningService, startHttpServer } from '@flock/service';
import { Timelines } from './domain/timelines';
import type { FeedEnv } from './env';
import type { FeedContext } from './resolvers';
import { buildSchema } from './schema';

/** The feed subgraph: reads timelines from Redis (the worker writes them). */
export async function startFeed(env: FeedEnv, logger: Logger): Promise<RunningService> {
  const redis = await connectRedis({ url: env.REDIS_URL, logger });
  const timelines = new Timelines(redis, env.timelines);
  const verifyAccessToken = verifierFromEnv(env);
  const base = serviceApolloConfig<FeedContext>(logger);
  const apollo = new ApolloServer<FeedContext>({
    ...base,
    schema: buildSchema(),
    plugins: [
      ...base.plugins,
      ApolloServerPluginInlineTraceDisabled(),
      // Timelines are private and never cached: without hints to collect, Apollo Server
      // need not wrap every field resolver (about a tenth of this subgraph's CPU per page).
      ApolloServerPluginCacheControlDisabled(),
      paginationLimitsPlugin(),
    ],
  });
  await apollo.start();
  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    handler: graphqlHandler({
      server: apollo,
      context: async (req, correlationId) => ({
        viewer: await verifyAccessToken(req.headers.authorization),
        correlationId,
        timelines,
      }),
    }),
    readiness: { redis: () => redis.ping() },
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
