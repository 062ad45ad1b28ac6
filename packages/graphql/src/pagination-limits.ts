import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type ArgumentNode, type DocumentNode, Kind, visit } from 'graphql';
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
        async didResolveOperation({ document, request }) {
          for (const [fieldName, argument] of argumentsOf(document)) {
            check(fieldName, argument, request.variables);
          }
        },
      };
    },
  };
}
