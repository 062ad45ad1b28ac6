export {
  type CorrelatedContext,
  isDependencyDown,
  type LibraryErrorCode,
  serviceApolloConfig,
} from './apollo-config';
export {
  type EntityRef,
  entityInvalidationPlugin,
  INVALIDATION_EXTENSION,
  type InvalidatingContext,
  invalidateEntity,
} from './entity-invalidation';
export {
  badUserInput,
  ErrorCode,
  type FieldProblem,
  forbidden,
  notFound,
  parseInput,
  rateLimited,
  requestRefused,
  requireFound,
  serviceUnavailable,
  unauthenticated,
} from './errors';
export { type GraphQLHandlerOptions, graphqlHandler } from './http';
export { observabilityPlugin, traceRootResolvers } from './observability';
export {
  type Connection,
  connectionOf,
  cursorCodec,
  DEFAULT_PAGE_SIZE,
  first as firstArgument,
  isUuid,
  UUID,
} from './pagination';
export {
  argumentValue,
  coerceVariables,
  MAX_PAGE_SIZE,
  paginationLimitsPlugin,
} from './pagination-limits';
export { DateTimeScalar } from './scalars';
export { type SubgraphServerOptions, startSubgraphServer } from './subgraph-server';
