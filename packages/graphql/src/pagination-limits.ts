import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type ArgumentNode, Kind, visit } from 'graphql';
import { badUserInput } from './errors';

const PAGE_ARGUMENTS = new Set(['first', 'limit']);

/**
 * Bounds every `first`/`limit` argument of an operation (connections, lists) to 0..max,
 * literal or variable, before anything executes: BAD_USER_INPUT naming the field otherwise.
 */
export function paginationLimitsPlugin<T extends BaseContext>({
  max = 100,
} = {}): ApolloServerPlugin<T> {
  const check = (
    fieldName: string,
    argument: ArgumentNode,
    variables?: Record<string, unknown>,
  ) => {
    const { value: node } = argument;
    const value =
      node.kind === Kind.INT
        ? Number(node.value)
        : node.kind === Kind.VARIABLE
          ? variables?.[node.name.value]
          : undefined;
    if (typeof value === 'number' && (value < 0 || value > max)) {
      throw badUserInput({
        field: `${fieldName}.${argument.name.value}`,
        message: `must be between 0 and ${max}`,
      });
    }
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          visit(document, {
            Field(field) {
              for (const argument of field.arguments ?? []) {
                if (PAGE_ARGUMENTS.has(argument.name.value)) {
                  check(field.name.value, argument, request.variables);
                }
              }
            },
          });
        },
      };
    },
  };
}
