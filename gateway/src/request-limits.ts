import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  argumentValue,
  badUserInput,
  coerceVariables,
  ErrorCode,
  MAX_PAGE_SIZE,
  requestRefused,
} from '@flock/graphql';
import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
  valueFromASTUntyped,
  visit,
} from 'graphql';

export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Cost: every field counts 1, and a list multiplies what is under it by its page size. */
  maxCost: number;
  /** Mutations that check a credential (an argon2 hash each): at most one per operation. */
  maxCredentialChecks: number;
  /** Entries of any list given as an argument (`where: { id: { in: [...] } }`, ...). */
  maxArgumentList: number;
}

export const defaultRequestLimits: RequestLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxCost: 5_000,
  maxCredentialChecks: 1,
  maxArgumentList: MAX_PAGE_SIZE,
};

/** Root mutation fields that verify or set a password or token (each costs a slow hash). */
export const CREDENTIAL_MUTATIONS = new Set([
  'register',
  'login',
  'refreshSession',
  'changePassword',
  'resetPassword',
  'changeEmail',
  'deleteAccount',
  // Each calls an OpenID Connect provider (a token request) or opens a session.
  'finishOidcSignIn',
  'completeOidcSignUp',
  'finishOidcLink',
]);

const PAGE_ARGUMENTS = ['first', 'limit'];

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
  credentialChecks: number;
}

/**
 * Refuses, before planning, what no client needs and what makes one request expensive:
 * HTTP 400 with a code of its own. It also makes operation selection a client error (no
 * operation matches, or a subscription, which this API does not serve) rather than letting it
 * fail inside the gateway's executor as a 500.
 *
 * Every count is of the operation as executed: fragments are expanded (each fragment is
 * measured once and its numbers reused, so a fragment spread many times cannot make the
 * measuring itself expensive).
 */
export function requestLimitsPlugin<T extends BaseContext>(
  limits: RequestLimits = defaultRequestLimits,
): ApolloServerPlugin<T> {
  // Apollo reuses the parsed document of a repeated query: its shape is measured once.
  const shapes = new WeakMap<DocumentNode, Map<string, Shape>>();
  const shapeOf = (document: DocumentNode, operation: OperationDefinitionNode) => {
    let byOperation = shapes.get(document);
    if (!byOperation) {
      byOperation = new Map();
      shapes.set(document, byOperation);
    }
    const key = operation.name?.value ?? '';
    let shape = byOperation.get(key);
    if (!shape) {
      shape = measureShape(document, operation);
      byOperation.set(key, shape);
    }
    return shape;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) throw operationNotFound(document, request.operationName);
          if (operation.operation === 'subscription') {
            throw requestRefused('BAD_REQUEST', 'Subscriptions are not served on this endpoint');
          }
          const shape = shapeOf(document, operation);
          over(shape.depth, limits.maxDepth, ErrorCode.QUERY_TOO_DEEP, 'Query depth');
          over(shape.aliases, limits.maxAliases, ErrorCode.TOO_MANY_ALIASES, 'Aliases');
          over(shape.directives, limits.maxDirectives, ErrorCode.TOO_MANY_DIRECTIVES, 'Directives');
          over(
            shape.credentialChecks,
            limits.maxCredentialChecks,
            ErrorCode.TOO_MANY_CREDENTIAL_CHECKS,
            'Credential mutations (register, login, refreshSession, changePassword, ...)',
          );
          const variables = operation.variableDefinitions?.length
            ? coerceVariables(schema, operation, request.variables)
            : {};
          const list = longestArgumentList(document, variables);
          if (list && list.length > limits.maxArgumentList) {
            throw badUserInput(
              {
                field: list.path,
                message: `holds ${list.length} entries; at most ${limits.maxArgumentList}`,
              },
              { httpStatus: 400 },
            );
          }
          const cost = operationCost(schema, document, operation, variables);
          over(cost, limits.maxCost, ErrorCode.QUERY_TOO_COMPLEX, 'Query cost');
        },
      };
    },
  };
}

function over(value: number, max: number, code: string, what: string) {
  if (value > max) throw requestRefused(code, `${what}: ${value} is over the limit of ${max}`);
}

function operationNotFound(document: DocumentNode, operationName: string | undefined) {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const message =
    operations.length === 0
      ? 'The document has no operation to execute'
      : operationName
        ? `No operation named "${operationName}" in the document`
        : 'The document has several operations: say which one with operationName';
  return requestRefused('BAD_REQUEST', message);
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return fragments;
}

/** Depth, aliases, directives and credential mutations of an operation, fragments expanded. */
export function measureShape(document: DocumentNode, operation: OperationDefinitionNode): Shape {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, Omit<Shape, 'credentialChecks'>>();

  const measure = (selectionSet: SelectionSetNode): Omit<Shape, 'credentialChecks'> => {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    for (const selection of selectionSet.selections) {
      directives += selection.directives?.length ?? 0;
      let inner: Omit<Shape, 'credentialChecks'> | undefined;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const below = selection.selectionSet ? measure(selection.selectionSet) : undefined;
        const fieldDepth = selection.name.value.startsWith('__') ? 0 : 1 + (below?.depth ?? 0);
        inner = {
          depth: fieldDepth,
          aliases: below?.aliases ?? 0,
          directives: below?.directives ?? 0,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet);
      } else {
        const name = selection.name.value;
        inner = memo.get(name);
        const fragment = fragments.get(name);
        if (!inner && fragment) {
          inner = measure(fragment.selectionSet);
          directives += fragment.directives?.length ?? 0;
          memo.set(name, inner);
        }
      }
      if (inner) {
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        directives += inner.directives;
      }
    }
    return { depth, aliases, directives };
  };

  const rootFieldNames = (selectionSet: SelectionSetNode, seen = new Set<string>()): string[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT)
        return rootFieldNames(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      // A fragment spread twice at the root runs its fields twice.
      return fragment ? rootFieldNames(fragment.selectionSet, seen) : [];
    });

  const shape = measure(operation.selectionSet);
  const credentialChecks =
    operation.operation === 'mutation'
      ? rootFieldNames(operation.selectionSet).filter((name) => CREDENTIAL_MUTATIONS.has(name))
          .length
      : 0;
  return {
    ...shape,
    directives: shape.directives + (operation.directives?.length ?? 0),
    credentialChecks,
  };
}

/**
 * What an operation may cost: every field 1; a field with a page argument (`first`/`limit`)
 * multiplies what is under it by the page it asks for (its default when it asks for none); a
 * list without one multiplies by the largest page, except the `edges` of a connection whose
 * page was already counted. So `followers { followers { followers { id } } }` costs about
 * 100³ and is refused, whatever its variables and defaults say.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;

  const costOf = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    pagedAbove: boolean,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) {
          total += 1;
          continue;
        }
        const field =
          'getFields' in parentType
            ? (parentType.getFields()[name] as GraphQLField<unknown, unknown> | undefined)
            : undefined;
        if (!field) continue;
        const page = pageSize(field, selection.arguments ?? [], variables);
        const type = isNonNullType(field.type) ? field.type.ofType : field.type;
        const multiplier = page ?? (isListType(type) && !pagedAbove ? MAX_PAGE_SIZE : 1);
        const named = getNamedType(field.type);
        const below =
          selection.selectionSet && isCompositeType(named)
            ? costOf(selection.selectionSet, named, page !== undefined && !isListType(type))
            : 0;
        total += 1 + multiplier * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parentType;
        if (condition && isCompositeType(condition)) {
          total += costOf(selection.selectionSet, condition, pagedAbove);
        }
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const key = `${selection.name.value}:${pagedAbove}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          const condition = schema.getType(fragment.typeCondition.name.value);
          cost =
            condition && isCompositeType(condition)
              ? costOf(fragment.selectionSet, condition, pagedAbove)
              : 0;
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, false);
}

/**
 * The longest list given in any field argument, literal or through variables, with its path
 * (`followersConnection.where.node.id.in`): filters and inputs must not smuggle in long lists.
 */
export function longestArgumentList(
  document: DocumentNode,
  variables: Record<string, unknown>,
): { length: number; path: string } | undefined {
  let longest: { length: number; path: string } | undefined;
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (!longest || value.length > longest.length) longest = { length: value.length, path };
      for (const item of value) walk(item, path);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    }
  };
  for (const [path, argument] of fieldArgumentsOf(document)) {
    walk(valueFromASTUntyped(argument.value, variables), path);
  }
  return longest;
}

// Apollo reuses the parsed document of a repeated query: its arguments are found once.
const fieldArguments = new WeakMap<DocumentNode, [string, ArgumentNode][]>();
function fieldArgumentsOf(document: DocumentNode): [string, ArgumentNode][] {
  let found = fieldArguments.get(document);
  if (!found) {
    const list: [string, ArgumentNode][] = [];
    visit(document, {
      Field(field) {
        for (const argument of field.arguments ?? []) {
          list.push([`${field.name.value}.${argument.name.value}`, argument]);
        }
      },
    });
    found = list;
    fieldArguments.set(document, found);
  }
  return found;
}

/** The page a field asks for: its `first`/`limit` argument, else that argument's default. */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  args: readonly ArgumentNode[],
  variables: Record<string, unknown>,
): number | undefined {
  for (const name of PAGE_ARGUMENTS) {
    const definition = field.args.find((a) => a.name === name);
    if (!definition) continue;
    const given = args.find((a) => a.name.value === name);
    const value = given ? argumentValue(given, variables) : undefined;
    // Over the largest page is refused by paginationLimitsPlugin, with its own code.
    if (typeof value === 'number') return Math.min(Math.max(0, value), MAX_PAGE_SIZE);
    const fallback =
      definition.defaultValue ??
      (definition.astNode?.defaultValue
        ? valueFromAST(definition.astNode.defaultValue, definition.type)
        : undefined);
    return typeof fallback === 'number' ? fallback : MAX_PAGE_SIZE;
  }
  return undefined;
}
