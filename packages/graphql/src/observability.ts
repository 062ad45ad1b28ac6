import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  BoundedLabel,
  isTracing,
  requestTraceOf,
  type ServiceMetrics,
  trace,
  tracer,
  withSpan,
} from '@flock/telemetry';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';

/**
 * Per-request metrics (duration by operation and outcome, errors by code) and the request
 * span's name and attributes (`query HomeFeed`), for the gateway and every subgraph.
 */
export function observabilityPlugin<TContext extends BaseContext>(
  metrics: ServiceMetrics,
  {
    countRateLimits = true,
  }: {
    /**
     * Count RATE_LIMITED answers in flock_rate_limit_rejections_total, by the field refused
     * (a subgraph's own limits: sign-in, registration...). The gateway counts its request
     * limits where it applies them, and would count the subgraphs' a second time.
     */
    countRateLimits?: boolean;
  } = {},
): ApolloServerPlugin<TContext> {
  const codes = new BoundedLabel(64);
  const fields = new BoundedLabel(100);
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      let operation = 'anonymous';
      let failed = false;
      return {
        async didResolveOperation({ operationName, operation: document }) {
          operation = metrics.operationLabel(operationName);
          const span = trace.getSpan(requestTraceOf(contextValue));
          if (span && document) {
            span.updateName(`${document.operation} ${operationName ?? 'anonymous'}`);
            span.setAttribute('graphql.operation.type', document.operation);
            span.setAttribute('graphql.operation.name', operation);
          }
        },
        async didEncounterErrors({ errors }) {
          failed = true;
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.graphqlErrors.inc({
              code: typeof code === 'string' ? codes.of(code) : 'INTERNAL_SERVER_ERROR',
            });
            if (countRateLimits && code === 'RATE_LIMITED') {
              const field = error.path?.[0];
              metrics.rateLimitRejections.inc({
                limit: typeof field === 'string' ? fields.of(field) : 'request',
              });
            }
          }
        },
        async willSendResponse({ response }) {
          // Errors subgraphs answered, passed on by the gateway, count as the request's too.
          const body = response.body;
          if (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0) failed = true;
          metrics.graphqlRequestDuration.observe(
            { operation, outcome: failed ? 'error' : 'ok' },
            (performance.now() - startedAt) / 1000,
          );
        },
      };
    },
  };
}

/**
 * Gives each root field (Query, Mutation, and `_entities`, a subgraph's entity lookups) a span
 * of its own while tracing is on, so a trace shows which resolver took the time and the
 * database calls nest under it. Without tracing, the resolver runs as it was.
 */
export function traceRootResolvers(schema: GraphQLSchema, service: string): GraphQLSchema {
  const spans = tracer(service);
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
      if (!resolve) continue;
      const name = `resolve ${type.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        if (!isTracing()) return resolve(source, args, context, info);
        return withSpan(
          spans,
          name,
          {
            parent: requestTraceOf(context),
            attributes: { 'graphql.field.path': `${type.name}.${field.name}` },
          },
          async () => resolve(source, args, context, info),
        );
      };
    }
  }
  return schema;
}
