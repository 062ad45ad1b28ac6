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
export { type CorrelatedContext, errorPolicy, type LibraryErrorCode } from './format-error';
export { type GraphQLHandlerOptions, graphqlHandler } from './http';
export { paginationLimitsPlugin } from './pagination-limits';
export { DateTimeScalar } from './scalars';
