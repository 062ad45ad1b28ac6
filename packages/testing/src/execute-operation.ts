import type { ApolloServer, BaseContext } from '@apollo/server';

/** An error as a client receives it. */
export interface OperationProblem {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface OperationResult<T> {
  data?: T | null;
  errors?: readonly OperationProblem[];
  /** The response's extensions (e.g. the entities a mutation invalidated). */
  extensions?: Record<string, unknown>;
}

/**
 * Runs one operation through a subgraph's Apollo Server with the context a request would
 * get (what a subgraph's own tests use instead of HTTP).
 */
export async function executeOperation<T, TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  query: string,
  variables: Record<string, unknown>,
  contextValue: TContext,
): Promise<OperationResult<T>> {
  const response = await server.executeOperation<T>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as OperationResult<T>;
}
