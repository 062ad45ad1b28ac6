// Network's own page bounds, beside server.ts (a plugin of its server): @neo4j/graphql reads a
// limit of 0 as "no limit" and multiplies nested pages, which the shared plugin cannot know.
import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from '@apollo/server';
import {
  badUserInput,
  coerceVariables,
  DEFAULT_PAGE_SIZE,
  ErrorCode,
  MAX_PAGE_SIZE,
} from '@flock/graphql';
import {
  type ConstValueNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The arguments that ask for a page: `limit` of a relationship list, `first` of the rest. */
const PAGE_ARGUMENTS = ['first', 'limit'] as const;

/**
 * Users one request may make Neo4j return: every list counts its page times the pages of the
 * lists above it (`followers(limit: 100) { followers(limit: 100) }` is 10,100), and a batch
 * of entity representations multiplies all of it. The gateway refuses a query costing more
 * than 5,000 first, so this only stops what reaches the subgraph some other way.
 */
export const MAX_ROWS_PER_REQUEST = 10_000;

/**
 * Argument values (`where`, `sort`): entries of any list in them (`id: { in: [...] }`,
 * `OR: [...]`), and how deep they nest. @neo4j/graphql translates a filter recursively: a
 * `NOT` nested 3,000 deep overflowed its stack (a 500), and a 20,000-id `in` ran as asked.
 */
export const MAX_INPUT_LIST = MAX_PAGE_SIZE;
export const MAX_INPUT_DEPTH = 12;

/**
 * Gives every page argument of the generated schema that has no default (`limit` of
 * `followers`/`following`, `first` of their connections) DEFAULT_PAGE_SIZE. @neo4j/graphql
 * reads arguments with graphql-js, so a client that asks for nothing gets that page, and the
 * published SDL says so. (Its `@limit(default:)` would also cut Cypher list fields such as
 * suggestedFollows to that default, whatever their own `first`.)
 */
export function withPageDefaults(schema: GraphQLSchema): GraphQLSchema {
  const defaultValue: ConstValueNode = { kind: Kind.INT, value: String(DEFAULT_PAGE_SIZE) };
  const needsDefault = (name: string, hasDefault: boolean) =>
    (PAGE_ARGUMENTS as readonly string[]).includes(name) && !hasDefault;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    // What graphql-js executes with (and so what @neo4j/graphql reads)...
    for (const field of Object.values(type.getFields())) {
      for (const argument of field.args) {
        if (needsDefault(argument.name, argument.defaultValue !== undefined)) {
          Object.assign(argument, { defaultValue: DEFAULT_PAGE_SIZE });
        }
      }
    }
    // ...and the type definition the subgraph SDL is printed from.
    if (type.astNode) {
      const fields = type.astNode.fields?.map((field) => ({
        ...field,
        arguments: field.arguments?.map((argument) =>
          needsDefault(argument.name.value, argument.defaultValue !== undefined)
            ? { ...argument, defaultValue }
            : argument,
        ),
      }));
      Object.assign(type, { astNode: { ...type.astNode, fields } });
    }
  }
  return schema;
}

/**
 * Bounds every list the subgraph serves before anything reaches Neo4j, however the operation
 * is phrased (literals, variables, variable defaults, aliases, fragments, nesting, entity
 * batches):
 * - a page argument is 1..MAX_PAGE_SIZE. 0 is refused too: @neo4j/graphql 7.6 reads
 *   `limit: 0`/`first: 0` as "no limit" and returns every row, whatever `@limit(max:)` says;
 * - lists inside argument values hold at most MAX_INPUT_LIST entries and nest at most
 *   MAX_INPUT_DEPTH deep;
 * - the users the operation may return add up to at most MAX_ROWS_PER_REQUEST.
 *
 * A refusal is BAD_USER_INPUT naming the field (QUERY_TOO_COMPLEX for the total), answered
 * with HTTP 200 to an `application/json` request, which GraphQL over HTTP allows and which is
 * what the gateway sends: the gateway passes a subgraph's coded errors on to its client but
 * turns a non-2xx answer into an uncoded one. An `application/graphql-response+json` request
 * gets 400.
 *
 * Beside the kit's paginationLimitsPlugin (every subgraph server has it): that one refuses the
 * same pages with the same error, always with 400, and as it comes first in the plugin list
 * its error is the one answered when both refuse. So whichever error is sent, a request this
 * plugin refused gets this plugin's status.
 */
export function listBoundsPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      let refusedWith: number | undefined;
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          try {
            checkOperation(schema, document, operation, request.variables);
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            refusedWith = refusalStatus(request);
            throw withStatus(error, refusedWith);
          }
        },
        async willSendResponse({ response }) {
          if (refusedWith !== undefined) response.http.status = refusedWith;
        },
      };
    },
  };
}

/** Throws a GraphQLError when the operation asks for more than the bounds allow. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): void {
  // Before graphql-js coerces them (recursively) and the library translates them.
  for (const [name, value] of Object.entries(rawVariables ?? {})) {
    if (depthOf(value) > MAX_INPUT_DEPTH) {
      throw badUserInput({ field: `$${name}`, message: `nests deeper than ${MAX_INPUT_DEPTH}` });
    }
  }
  const variables = operation.variableDefinitions?.length
    ? coerceVariables(schema, operation, rawVariables)
    : {};
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return;
  const rows = new RowCounter(schema, document, variables).rowsOf(operation.selectionSet, root);
  if (rows > MAX_ROWS_PER_REQUEST) {
    throw new GraphQLError(
      `This operation may return ${rows} users of the follow graph; the limit is ${MAX_ROWS_PER_REQUEST}. Nested lists multiply: ask for smaller pages.`,
      { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } },
    );
  }
}

/**
 * Counts the users an operation may return, checking every field's arguments on the way.
 * Counts are per instance of the parent, so a fragment is counted once however often it is
 * spread (the count under a list is the page times the count of one item).
 */
class RowCounter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentRows = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  rowsOf(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): number {
    let rows = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !('getFields' in parentType)) continue;
        const field = parentType.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        const args = getArgumentValues(field, selection, this.variables);
        checkArgumentValues(name, args);
        const page = pageOf(name, field, args);
        const type = getNamedType(field.type);
        const below =
          selection.selectionSet && isCompositeType(type)
            ? this.rowsOf(selection.selectionSet, type)
            : 0;
        rows += page === undefined ? below : page * (1 + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        rows += this.rowsOf(
          selection.selectionSet,
          this.typeOf(selection.typeCondition?.name.value, parentType),
        );
      } else {
        const fragmentName = selection.name.value;
        let fragmentRows = this.fragmentRows.get(fragmentName);
        const fragment = this.fragments.get(fragmentName);
        if (fragmentRows === undefined && fragment) {
          fragmentRows = this.rowsOf(
            fragment.selectionSet,
            this.typeOf(fragment.typeCondition.name.value, parentType),
          );
          this.fragmentRows.set(fragmentName, fragmentRows);
        }
        rows += fragmentRows ?? 0;
      }
    }
    return rows;
  }

  private typeOf(name: string | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType {
    const type = name ? this.schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : fallback;
  }
}

/**
 * How many items a field returns per parent: the page it asks for, the size of an entity
 * batch; undefined for a field that is not a list of users (a connection's `edges` are its
 * page, counted on the connection).
 */
function pageOf(
  name: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number | undefined {
  if (name === '_entities') {
    return Array.isArray(args.representations) ? args.representations.length : 0;
  }
  let page: number | undefined;
  for (const argument of PAGE_ARGUMENTS) {
    if (!field.args.some((a) => a.name === argument)) continue;
    const value = args[argument];
    // An explicit null: @limit(max:) caps it.
    if (value === null || value === undefined) {
      page = MAX_PAGE_SIZE;
      continue;
    }
    if (typeof value !== 'number' || value < 1 || value > MAX_PAGE_SIZE) {
      throw badUserInput({
        field: `${name}.${argument}`,
        message: `must be between 1 and ${MAX_PAGE_SIZE}`,
      });
    }
    page = value;
  }
  return page;
}

/** Lists in argument values (filters, sorts) are short and shallow; entity batches aside. */
function checkArgumentValues(fieldName: string, args: Record<string, unknown>): void {
  for (const [argument, value] of Object.entries(args)) {
    if (argument === 'representations') continue;
    const stack: { value: unknown; path: string; depth: number }[] = [
      { value, path: `${fieldName}.${argument}`, depth: 1 },
    ];
    for (let item = stack.pop(); item; item = stack.pop()) {
      if (item.depth > MAX_INPUT_DEPTH) {
        throw badUserInput({ field: item.path, message: `nests deeper than ${MAX_INPUT_DEPTH}` });
      }
      if (Array.isArray(item.value)) {
        if (item.value.length > MAX_INPUT_LIST) {
          throw badUserInput({
            field: item.path,
            message: `has ${item.value.length} entries; at most ${MAX_INPUT_LIST}`,
          });
        }
        item.value.forEach((entry, index) => {
          stack.push({
            value: entry,
            path: `${item?.path}.${index}`,
            depth: (item?.depth ?? 0) + 1,
          });
        });
      } else if (isPlainObject(item.value)) {
        for (const [key, entry] of Object.entries(item.value)) {
          stack.push({ value: entry, path: `${item.path}.${key}`, depth: item.depth + 1 });
        }
      }
    }
  }
}

/** Nesting depth of a JSON value, without recursion (the value may be hostile). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [current, depth] = item;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_INPUT_DEPTH) return deepest;
    if (Array.isArray(current) || isPlainObject(current)) {
      for (const entry of Object.values(current as object)) stack.push([entry, depth + 1]);
    }
  }
  return deepest;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refusalStatus(request: GraphQLRequest): number {
  const accept = request.http?.headers.get('accept') ?? '';
  return accept.includes('application/graphql-response+json') ? 400 : 200;
}

function withStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status } },
  });
}
