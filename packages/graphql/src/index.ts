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
export { createErrorFormatter } from './format-error';
export { type GraphQLHandlerOptions, graphqlHandler } from './http';
export { DateTimeScalar } from './scalars';
