import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type ArgumentNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';

import { badUserInput } from './errors';

/** The largest page any list or connection serves, and the argument names that ask for one. */
export const MAX_PAGE_SIZE = 100;
const PAGE_ARGUMENTS = new Set(['first', 'limit']);

/**
 * The operation's variables as execution will see them: the client's values coerced to their
 * declared types, defaults filled in. A value that does not fit is the client's mistake:
 * BAD_USER_INPUT with HTTP 400, before anything executes.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> {
  // Several plugins of one request need them (page bounds, cost, a subgraph's own bounds):
  // coerced once per request's variables object.
  const known = variables ? coerced.get(variables) : undefined;
  if (known?.operation === operation && known.schema === schema) return known.values;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: 10,
  });
  if (result.errors) {
    const [first] = result.errors;
    throw new GraphQLError(first?.message ?? 'Invalid variables', {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  if (variables) coerced.set(variables, { schema, operation, values: result.coerced });
  return result.coerced;
}

const coerced = new WeakMap<
  object,
  { schema: GraphQLSchema; operation: OperationDefinitionNode; values: Record<string, unknown> }
>();

/** The value an argument takes in this request: a literal, or a (coerced) variable. */
export function argumentValue(argument: ArgumentNode, variables: Record<string, unknown>): unknown {
  const { value } = argument;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  return undefined;
}

/**
 * Bounds every `first`/`limit` argument of an operation (connections, lists) to
 * min..MAX_PAGE_SIZE, whether it is a literal, a variable or a variable's default, before
 * anything executes: BAD_USER_INPUT (HTTP 400) naming the field otherwise. The least page is
 * 1: @neo4j/graphql reads a limit of 0 as "no limit", so 0 is refused everywhere alike.
 */
export function paginationLimitsPlugin<T extends BaseContext>({
  min = 1,
  max = MAX_PAGE_SIZE,
} = {}): ApolloServerPlugin<T> {
  // Apollo Server hands the same parsed document to every request of a cached query, so the
  // page arguments are found once per document; only the check runs per request.
  const pageArguments = new WeakMap<DocumentNode, [string, ArgumentNode][]>();
  const argumentsOf = (document: DocumentNode) => {
    let found = pageArguments.get(document);
    if (!found) {
      const list: [string, ArgumentNode][] = [];
      visit(document, {
        Field(field) {
          for (const argument of field.arguments ?? []) {
            if (PAGE_ARGUMENTS.has(argument.name.value)) list.push([field.name.value, argument]);
          }
        },
      });
      found = list;
      pageArguments.set(document, found);
    }
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation, schema }) {
          const found = argumentsOf(document);
          if (!operation || found.length === 0) return;
          const variables = operation.variableDefinitions?.length
            ? coerceVariables(schema, operation, request.variables)
            : {};
          for (const [fieldName, argument] of found) {
            const value = argumentValue(argument, variables);
            if (typeof value === 'number' && (value < min || value > max)) {
              throw badUserInput(
                {
                  field: `${fieldName}.${argument.name.value}`,
                  message: `must be between ${min} and ${max}`,
                },
                { httpStatus: 400 },
              );
            }
          }
        },
      };
    },
  };
}
