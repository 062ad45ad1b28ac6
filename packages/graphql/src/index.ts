export {
  type CorrelatedContext,
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
  unauthenticated,
} from './errors';
export { type GraphQLHandlerOptions, graphqlHandler } from './http';
export {
  argumentValue,
  coerceVariables,
  MAX_PAGE_SIZE,
  paginationLimitsPlugin,
} from './pagination-limits';
export { DateTimeScalar } from './scalars';
