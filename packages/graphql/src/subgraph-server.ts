import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { Logger } from '@flock/logger';
import type { ServiceMetrics } from '@flock/telemetry';
import type { GraphQLSchema } from 'graphql';
import {
  type CorrelatedContext,
  type LibraryErrorCode,
  serviceApolloConfig,
} from './apollo-config';
import { entityInvalidationPlugin, type InvalidatingContext } from './entity-invalidation';
import { graphqlHandler } from './http';
import { observabilityPlugin, traceRootResolvers } from './observability';
import { paginationLimitsPlugin } from './pagination-limits';

/** Where a started server is registered for shutdown (`ResourceRegistry` of @flock/service). */
interface Registry {
  add(name: string, resource: { close: () => Promise<unknown> }): void;
  readonly metrics: ServiceMetrics;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  schema: GraphQLSchema;
  logger: Logger;
  /** Builds a request's context from the request and its correlation id. */
  context: (req: IncomingMessage, correlationId: string) => Promise<TContext>;
  /** Names errors a library raises without a code (e.g. @neo4j/graphql's auth errors). */
  codeOf?: LibraryErrorCode;
  /**
   * Whether the subgraph sends `@cacheControl` hints (Cache-Control) for the gateway's entity
   * cache. Without hints, Apollo Server need not wrap every field resolver to collect them.
   */
  cacheHints?: boolean;
  plugins?: ApolloServerPlugin<TContext>[];
}

/**
 * A subgraph's Apollo Server, the same in every service: the shared error policy, page
 * bounds, entity invalidation, no inline traces, metrics and OpenTelemetry spans; started, registered for shutdown, and
 * served by a handler for the kit's HTTP server.
 */
export async function startSubgraphServer<
  TContext extends BaseContext & CorrelatedContext & InvalidatingContext,
>(resources: Registry, options: SubgraphServerOptions<TContext>) {
  const base = serviceApolloConfig<TContext>(options.logger, options.codeOf);
  const apollo = new ApolloServer<TContext>({
    ...base,
    schema: traceRootResolvers(options.schema, resources.metrics.service),
    plugins: [
      ...base.plugins,
      observabilityPlugin(resources.metrics),
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.cacheHints === false ? [ApolloServerPluginCacheControlDisabled()] : []),
      paginationLimitsPlugin(),
      entityInvalidationPlugin(),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  resources.add('apollo', { close: () => apollo.stop() });
  return {
    apollo,
    handler: graphqlHandler({
      server: apollo,
      context: options.context,
      service: resources.metrics.service,
    }),
  };
}
