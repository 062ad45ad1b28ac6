import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AccessTokenVerifier, Viewer } from '@flock/auth';
import { graphqlHandler, paginationLimitsPlugin, serviceApolloConfig } from '@flock/graphql';
import { CORRELATION_HEADER, type Logger } from '@flock/logger';
import type { EntityCache } from './entity-cache';
import { subgraphFetcher } from './fetcher';
import type { RateLimitCheck } from './rate-limits';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Forwarded as is: every subgraph verifies the token again. */
  authorization?: string;
  /** The request's, forwarded to every subgraph call. */
  correlationId: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the supergraph's routing URLs. */
  subgraphUrls: Record<string, string | undefined>;
  verifyAccessToken: AccessTokenVerifier;
  logger: Logger;
  sandbox: boolean;
  introspection: boolean;
  maxBodyBytes: number;
  checkRateLimits: RateLimitCheck;
  /** Entities subgraphs mark cacheable (Cache-Control), kept between requests; none if unset. */
  entityCache?: EntityCache;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: Partial<RemoteGraphQLDataSource<GatewayContext>>,
    private readonly subgraph: string,
    private readonly entityCache: EntityCache | undefined,
  ) {
    super(config);
  }

  override process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    if (!this.entityCache) return super.process(options);
    return this.entityCache.process(this.subgraph, options, (o) => super.process(o));
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}

/** The gateway: authenticates each request, plans it over the static supergraph. */
export async function createGatewayServer(options: GatewayOptions) {
  const subgraphs = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new ForwardingDataSource(
        { url: options.subgraphUrls[name] ?? url, fetcher: subgraphs.fetcher },
        name,
        options.entityCache,
      ),
  });
  // Query depth, aliases, cost, tokens and directives are bounded before planning.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    maxTokens: { n: 2000 },
    maxDirectives: { n: 20 },
  }).protect();
  const base = serviceApolloConfig<GatewayContext>(options.logger);
  const apollo = new ApolloServer<GatewayContext>({
    ...base,
    gateway,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    introspection: options.introspection,
    csrfPrevention: true,
    plugins: [
      ...base.plugins,
      ...armor.plugins,
      ApolloServerPluginUsageReportingDisabled(),
      paginationLimitsPlugin(),
      options.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const handler = graphqlHandler({
    server: apollo,
    maxBodyBytes: options.maxBodyBytes,
    context: async (req, correlationId) => {
      const authorization = req.headers.authorization;
      const viewer = await options.verifyAccessToken(authorization);
      await options.checkRateLimits(req.socket.remoteAddress ?? 'unknown', viewer);
      return {
        viewer,
        authorization,
        correlationId,
      };
    },
  });
  return { apollo, handler, closeSubgraphConnections: subgraphs.close };
}
