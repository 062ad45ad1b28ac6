import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AccessTokenVerifier, Viewer } from '@flock/auth';
import {
  type EntityRef,
  ErrorCode,
  graphqlHandler,
  INVALIDATION_EXTENSION,
  observabilityPlugin,
  paginationLimitsPlugin,
  serviceApolloConfig,
} from '@flock/graphql';
import { CORRELATION_HEADER, type Logger } from '@flock/logger';
import { injectTraceContext, requestTraceOf, type ServiceMetrics } from '@flock/telemetry';
import { GraphQLError } from 'graphql';
import { CLIENT_AGENT_HEADER, CLIENT_IP_HEADER, type ClientAddress } from './client-address';
import type { EntityCache } from './entity-cache';
import { subgraphFetcher } from './fetcher';
import type { RateLimitCheck } from './rate-limits';
import { defaultRequestLimits, requestLimitsPlugin } from './request-limits';
import { sandboxLandingPage } from './sandbox';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Forwarded as is: every subgraph verifies the token again. */
  authorization?: string;
  /** The request's, forwarded to every subgraph call. */
  correlationId: string;
  /** The client's address (through trusted proxies), forwarded for per-client limits. */
  clientIp: string;
  /** The client's User-Agent ('' when none), forwarded for identity's list of sessions. */
  userAgent: string;
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
  /** Where entities a mutation changed are evicted (every replica); the cache alone if unset. */
  invalidateEntities?: (refs: EntityRef[]) => Promise<void>;
  clientAddress: ClientAddress;
  /** How long a subgraph may take to answer (SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs?: number;
  /** The gateway's metrics (requests, subgraph fetches). */
  metrics: ServiceMetrics;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: Partial<RemoteGraphQLDataSource<GatewayContext>>,
    private readonly subgraph: string,
    private readonly entityCache: EntityCache | undefined,
    private readonly invalidate: ((refs: EntityRef[]) => Promise<void>) | undefined,
    private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    super(config);
  }

  override async process(
    options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0],
  ) {
    let response: Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
    const startedAt = performance.now();
    const fetched = (outcome: 'ok' | 'error') =>
      this.metrics.subgraphFetchDuration.observe(
        { subgraph: this.subgraph, outcome },
        (performance.now() - startedAt) / 1000,
      );
    try {
      response = this.entityCache
        ? await this.entityCache.process(this.subgraph, options, (o) => super.process(o))
        : await super.process(options);
      fetched(response.errors?.length ? 'error' : 'ok');
    } catch (error) {
      fetched('error');
      // Down, frozen past the timeout, or answering garbage: the fields this subgraph serves
      // are null with a coded error, and the rest of the query still answers.
      this.logger.warn({ err: error, subgraph: this.subgraph }, 'subgraph unavailable');
      return {
        errors: [
          new GraphQLError(`The ${this.subgraph} service is unavailable; try again shortly`, {
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: this.subgraph },
          }),
        ],
      };
    }
    const invalidated = response.extensions?.[INVALIDATION_EXTENSION];
    if (Array.isArray(invalidated) && invalidated.length > 0 && this.invalidate) {
      await this.invalidate(invalidated as EntityRef[]);
    }
    return response;
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
    request.http?.headers.set(CLIENT_IP_HEADER, context.clientIp);
    request.http?.headers.set(CLIENT_AGENT_HEADER, context.userAgent);
    // The trace continues in the subgraph (W3C traceparent of the gateway's fetch span).
    for (const [name, value] of Object.entries(injectTraceContext(requestTraceOf(context)))) {
      request.http?.headers.set(name, value);
    }
  }
}

/** Lexical tokens in one document: enough for any real client, parsed before anything else. */
const MAX_TOKENS = 2000;

/** The gateway: authenticates each request, plans it over the static supergraph. */
export async function createGatewayServer(options: GatewayOptions) {
  const subgraphs = subgraphFetcher({ timeoutMs: options.subgraphTimeoutMs });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new ForwardingDataSource(
        { url: options.subgraphUrls[name] ?? url, fetcher: subgraphs.fetcher },
        name,
        options.entityCache,
        options.invalidateEntities ??
          (async (refs) => {
            options.entityCache?.invalidate(refs);
          }),
        options.logger,
        options.metrics,
      ),
  });
  // Field suggestions ("Did you mean ...") are masked: they would reveal the schema where
  // introspection is off. Depth, aliases, directives, cost and credential mutations are
  // bounded by requestLimitsPlugin (coded 400s), tokens by the parser itself.
  const armor = new ApolloArmor({
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDirectives: { enabled: false },
  }).protect();
  const base = serviceApolloConfig<GatewayContext>(options.logger);
  const apollo = new ApolloServer<GatewayContext>({
    ...base,
    gateway,
    parseOptions: { maxTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    introspection: options.introspection,
    csrfPrevention: true,
    plugins: [
      ...base.plugins,
      ...armor.plugins,
      ApolloServerPluginUsageReportingDisabled(),
      requestLimitsPlugin(defaultRequestLimits),
      observabilityPlugin(options.metrics, { countRateLimits: false }),
      paginationLimitsPlugin(),
      options.sandbox ? sandboxLandingPage() : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const handler = graphqlHandler({
    server: apollo,
    maxBodyBytes: options.maxBodyBytes,
    service: 'gateway',
    continueCallerTrace: false,
    context: async (req, correlationId) => {
      const authorization = req.headers.authorization;
      const viewer = await options.verifyAccessToken(authorization);
      const clientIp = options.clientAddress(req);
      await options.checkRateLimits(clientIp, viewer);
      const userAgent = (req.headers['user-agent'] ?? '').slice(0, 512);
      return { viewer, authorization, correlationId, clientIp, userAgent };
    },
  });
  return { apollo, handler, closeSubgraphConnections: subgraphs.close };
}
