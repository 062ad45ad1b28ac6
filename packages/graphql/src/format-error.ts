import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@flock/logger';
import type { GraphQLFormattedError } from 'graphql';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors meant for clients pass through; anything else (a bug, a database error) is logged
 * with its stack and answered as a bare INTERNAL_SERVER_ERROR, so no internals leak.
 */
export function createErrorFormatter(
  logger: Logger,
  /** Gives a code to errors a library raises without one (e.g. @neo4j/graphql's auth errors). */
  codeOf: (error: unknown) => string | undefined = () => undefined,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const mapped = codeOf(unwrapResolverError(error));
    if (mapped)
      return { message: formatted.message, path: formatted.path, extensions: { code: mapped } };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    logger.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
