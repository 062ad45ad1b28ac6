import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@flock/logger';
import { requestTraceOf, traceIdsOf } from '@flock/telemetry';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const REDIS_DOWN = new Set([
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'SocketClosedUnexpectedlyError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  'TimeoutError',
]);
/** Prisma: cannot reach, timed out, connection closed, pool exhausted. */
const PRISMA_DOWN = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Neo4j driver codes for a database that cannot be reached. */
const NEO4J_DOWN = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Transaction.LockClientStopped',
]);

/** Neo4j not answering in time: a transient error, a transaction over its timeout (e.g.
 *  waiting on a lock), or no pooled connection within the acquisition timeout. */
function isNeo4jTooSlow(error: Error, code: unknown): boolean {
  if ((error as { retriable?: unknown }).retriable === true) return true; // neo4j-driver
  if (typeof code === 'string') {
    if (code.startsWith('Neo.TransientError.')) return true;
    if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return true;
  }
  return error.message.startsWith('Connection acquisition timed out');
}

/**
 * An error that says a dependency (Redis, Postgres, Neo4j) is down or too slow, rather than
 * a bug: clients get SERVICE_UNAVAILABLE (retry later), not INTERNAL_SERVER_ERROR.
 */
export function isDependencyDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // node-redis' error classes keep the default `name`: their class says what happened.
  const name = error.constructor?.name ?? error.name;
  const code = (error as { code?: unknown }).code;
  return (
    REDIS_DOWN.has(name) ||
    error.name === 'PrismaClientInitializationError' ||
    (typeof code === 'string' && (PRISMA_DOWN.has(code) || NEO4J_DOWN.has(code))) ||
    isNeo4jTooSlow(error, code)
  );
}

/** Gives a code to errors a library raises without one (e.g. @neo4j/graphql's auth errors). */
export type LibraryErrorCode = (error: unknown) => string | undefined;

/** What the error plugin reads of a service's context: the request's correlation id. */
export interface CorrelatedContext {
  correlationId?: string;
}

/**
 * What every Flock service's ApolloServer shares; spread it first and append its own plugins
 * to `plugins`.
 * - Errors meant for clients pass through; anything else (a bug, a database error) is
 *   answered as a bare INTERNAL_SERVER_ERROR, so no internals leak, and logged with its stack
 *   and the request's correlation id (`formatError` has no context, so the logging is a
 *   plugin).
 * - No stack traces in responses.
 * - No signal handling of Apollo's own: the service's onShutdown stops the server in order.
 *   Apollo's handler races it, and a second concurrent `stop()` of @apollo/server 5 never
 *   returns.
 */
export function serviceApolloConfig<TContext extends CorrelatedContext>(
  logger: Logger,
  codeOf: LibraryErrorCode = () => undefined,
) {
  const isClientError = (code: unknown, original: unknown) =>
    Boolean(codeOf(original)) || (typeof code === 'string' && CLIENT_CODES.has(code));

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isDependencyDown(unwrapResolverError(error))) {
      return {
        message: 'A service Flock depends on is unavailable; try again shortly',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const mapped = codeOf(unwrapResolverError(error));
    if (mapped)
      return { message: formatted.message, path: formatted.path, extensions: { code: mapped } };
    const code = formatted.extensions?.code;
    // The parser's own token limit (parseOptions.maxTokens) is a limit, not a typo.
    if (
      code === 'GRAPHQL_PARSE_FAILED' &&
      /contains more tha[nt] \d+ tokens/.test(formatted.message)
    ) {
      return { message: formatted.message, extensions: { code: ErrorCode.TOO_MANY_TOKENS } };
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };

  const logUnexpected = (error: unknown, code: unknown, fields: object) => {
    const original = unwrapResolverError(error);
    if (!isClientError(code, original))
      logger.error({ err: original, ...fields }, 'unexpected error in resolver');
  };

  const plugin: ApolloServerPlugin<TContext> = {
    // A failing context (e.g. Redis down during the rate-limit check) has no request yet.
    async contextCreationDidFail({ error }) {
      logUnexpected(error, (error as { extensions?: { code?: unknown } }).extensions?.code, {});
    },
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            logUnexpected(error, error.extensions?.code, {
              path: error.path,
              correlationId: contextValue.correlationId,
              ...traceIdsOf(requestTraceOf(contextValue)),
            });
          }
        },
      };
    },
  };

  return {
    formatError,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [plugin],
  };
}
