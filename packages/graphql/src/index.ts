export {
  type CorrelatedContext,
  type LibraryErrorCode,
  serviceApolloConfig,
} from './apollo-config';
export {
  badUserInput,
  ErrorCode,
  type FieldProblem,
  forbidden,
  notFound,
  parseInput,
  rateLimited,
  requireFound,
  unauthenticated,
} from './errors';
export { type GraphQLHandlerOptions, graphqlHandler } from './http';
export { paginationLimitsPlugin } from './pagination-limits';
export { DateTimeScalar } from './scalars';
