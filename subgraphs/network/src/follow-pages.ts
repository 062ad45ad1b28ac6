// Pages of followers and following answered from the FOLLOWS indexes (graph-schema.ts), for the
// selections clients make of them; everything else stays @neo4j/graphql's.

import { MAX_PAGE_SIZE } from '@flock/graphql';
import type {
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
} from 'graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import type { NetworkContext } from './context';

/**
 * @neo4j/graphql 7.6 reads a connection by collecting every relationship of the user, then
 * sorting and cutting the page (and counting them for totalCount): a page of a user with a
 * million followers reads a million relationships. Here the same page is read from the
 * composite index on (followee, createdAt) or (follower, createdAt) in index order, so it costs
 * what the page costs, and totalCount is the user's degree (Neo4j's count store).
 *
 * A connection is served here only as it is read newest first (`sort` absent or exactly
 * `[{ edge: { createdAt: DESC } }]`, no `where`), selecting the connection's own fields,
 * `properties { createdAt }` and, of each node, its scalar fields (id, counts, viewer flags);
 * any other selection is left to the library. The answer has the library's shape (its field
 * resolver still makes cursors and pageInfo), so cursors are the library's offsets. Ties in
 * createdAt are in index order (stable between requests), which the library does not promise.
 *
 * How: the connection is taken out of what the library translates for an entity (its resolve
 * tree, set on the context just before translation), a hidden field keeps the user's id, and
 * the connection's field resolver reads the page when the library's answer has no value for it.
 */
const CONNECTIONS = {
  followersConnection: {
    connectionType: 'UserFollowersConnection',
    edgeType: 'UserFollowersRelationship',
    match: '(node:User)-[follow:FOLLOWS]->()',
    end: 'followee',
    degree: 'COUNT { (user)<-[:FOLLOWS]-() }',
  },
  followingConnection: {
    connectionType: 'UserFollowingConnection',
    edgeType: 'UserFollowingRelationship',
    match: '()-[follow:FOLLOWS]->(node:User)',
    end: 'follower',
    degree: 'COUNT { (user)-[:FOLLOWS]->() }',
  },
} as const;
export type ConnectionName = keyof typeof CONNECTIONS;

/** The hidden field the library projects the entity's id into. */
export const USER_ID_KEY = '__followPagesUserId';

/** What the library's `User` nodes of a page may select here: fields every node answers. */
const NODE_FIELDS = new Set([
  'id',
  '__typename',
  'followerCount',
  'followingCount',
  'viewerFollows',
  'followsViewer',
]);

/** @neo4j/graphql's resolve tree (graphql-parse-resolve-info's, arguments parsed). */
interface ResolveTree {
  name: string;
  alias: string;
  args: Record<string, unknown>;
  fieldsByTypeName: Record<string, Record<string, ResolveTree>>;
}

function isConnectionName(name: string): name is ConnectionName {
  return Object.hasOwn(CONNECTIONS, name);
}

/** Only the named fields, each of them selected on `typeName` only (or nothing below). */
function selects(tree: ResolveTree, typeName: string, allowed: (field: ResolveTree) => boolean) {
  return Object.entries(tree.fieldsByTypeName).every(
    ([type, fields]) => type === typeName && Object.values(fields).every(allowed),
  );
}

/** Whether the connection read is one answered here (see the module comment). */
export function isIndexedPage(tree: ResolveTree): boolean {
  if (!isConnectionName(tree.name)) return false;
  const { connectionType, edgeType } = CONNECTIONS[tree.name];
  const { where, sort, ...rest } = tree.args;
  const newestFirst =
    sort === undefined ||
    sort === null ||
    (Array.isArray(sort) &&
      sort.length === 1 &&
      JSON.stringify(sort[0]) === JSON.stringify({ edge: { createdAt: 'DESC' } }));
  if (where !== undefined && where !== null) return false;
  if (!newestFirst || Object.keys(rest).some((name) => name !== 'first' && name !== 'after')) {
    return false;
  }
  return selects(tree, connectionType, (field) => {
    if (field.name === 'totalCount' || field.name === 'pageInfo' || field.name === '__typename') {
      return true;
    }
    if (field.name !== 'edges') return false;
    return selects(field, edgeType, (edge) => {
      if (edge.name === 'cursor' || edge.name === '__typename') return true;
      if (edge.name === 'properties') {
        return selects(edge, 'Follow', (p) => p.name === 'createdAt' || p.name === '__typename');
      }
      return edge.name === 'node' && selects(edge, 'User', (node) => NODE_FIELDS.has(node.name));
    });
  });
}

/**
 * The entity's resolve tree without the connections answered here, plus the hidden id field
 * when it took any out. The same object when there is nothing to take.
 */
export function withoutIndexedPages(tree: ResolveTree): ResolveTree {
  const user = tree.fieldsByTypeName.User;
  if (!user || !Object.values(user).some(isIndexedPage)) return tree;
  const kept = Object.fromEntries(
    Object.entries(user).filter(([, field]) => !isIndexedPage(field)),
  );
  kept[USER_ID_KEY] = { name: 'id', alias: USER_ID_KEY, args: {}, fieldsByTypeName: {} };
  return { ...tree, fieldsByTypeName: { ...tree.fieldsByTypeName, User: kept } };
}

/** The library's cursor: base64 of `arrayconnection:<offset>`; anything else is no cursor. */
function offsetAfter(cursor: unknown): number {
  if (typeof cursor !== 'string') return 0;
  const offset = Number.parseInt(
    Buffer.from(cursor, 'base64').toString('utf8').slice('arrayconnection:'.length),
    10,
  );
  return Number.isNaN(offset) ? 0 : Math.max(0, offset + 1);
}

/**
 * The Cypher of one page: `$userId`'s relationships of the connection, `$skip` then `$first`,
 * each node's scalar fields (`$viewer`: the signed-in user's id or null), and the degree. The
 * page is read from the index alone, in its order (the user's node is not expanded: that is
 * what reads every relationship), and cut before any node is read; the hint makes a missing
 * index an error rather than a scan. Ties in createdAt come in relationship id order. The
 * viewer is matched once, so its relations to each node are an Expand(Into). createdAt is
 * formatted as the library formats it.
 */
export function pageCypher(connection: ConnectionName): string {
  const { match, end, degree } = CONNECTIONS[connection];
  return `OPTIONAL MATCH (viewer:User {id: $viewer})
     CALL () {
       MATCH ${match}
       USING INDEX follow:FOLLOWS(${end}, createdAt)
       WHERE follow.${end} = $userId AND follow.createdAt IS NOT NULL
       RETURN follow, node ORDER BY follow.${end} DESC, follow.createdAt DESC
       SKIP $skip LIMIT $first
     }
     WITH collect({
       properties: {
         createdAt: apoc.date.convertFormat(toString(follow.createdAt), 'iso_zoned_date_time', 'iso_offset_date_time'),
         __resolveType: 'Follow'
       },
       node: {
         id: node.id,
         followerCount: COUNT { (node)<-[:FOLLOWS]-() },
         followingCount: COUNT { (node)-[:FOLLOWS]->() },
         viewerFollows: viewer IS NOT NULL AND EXISTS { (viewer)-[:FOLLOWS]->(node) },
         followsViewer: viewer IS NOT NULL AND EXISTS { (node)-[:FOLLOWS]->(viewer) },
         __resolveType: 'User'
       }
     }) AS edges
     OPTIONAL MATCH (user:User {id: $userId})
     RETURN edges, CASE WHEN user IS NULL THEN 0 ELSE ${degree} END AS totalCount`;
}

/** The page as the library projects a connection: `{ edges, totalCount }`. */
async function readPage(
  driver: Driver,
  connection: ConnectionName,
  userId: string,
  args: { first?: unknown; after?: unknown },
  ctx: NetworkContext,
) {
  const { records } = await driver.executeQuery(
    pageCypher(connection),
    {
      userId,
      skip: neo4j.int(offsetAfter(args.after)),
      // An explicit null: the library's @limit(max:) applies.
      first: neo4j.int(typeof args.first === 'number' ? args.first : MAX_PAGE_SIZE),
      viewer: ctx.jwt?.sub ?? null,
    },
    {
      routing: 'READ',
      ...(ctx.transaction ? { transactionConfig: { timeout: ctx.transaction.timeout } } : {}),
    },
  );
  const record = records[0];
  return record
    ? { edges: record.get('edges'), totalCount: record.get('totalCount') }
    : { edges: [], totalCount: 0 };
}

type Resolver = GraphQLFieldResolver<Record<string, unknown>, NetworkContext>;
/** @apollo/subgraph's `__resolveReference`, kept in the type's extensions. */
type ReferenceResolver = (
  reference: Record<string, unknown>,
  ctx: NetworkContext,
  info: GraphQLResolveInfo,
) => unknown;

/**
 * Installs the indexed pages on the schema @neo4j/graphql built: `User`'s reference resolver
 * hands the library a context whose resolve tree loses the connections answered here, and
 * their field resolvers read the page when the library's answer has none.
 */
export function withIndexedPages(schema: GraphQLSchema, driver: Driver): GraphQLSchema {
  const user = schema.getType('User') as GraphQLObjectType | undefined;
  const subgraph = (
    user?.extensions as { apollo?: { subgraph?: { resolveReference?: ReferenceResolver } } }
  )?.apollo?.subgraph;
  const resolveReference = subgraph?.resolveReference;
  if (!user || !subgraph || !resolveReference) {
    throw new Error('@neo4j/graphql generated no reference resolver for User');
  }
  subgraph.resolveReference = (reference, ctx, info) =>
    resolveReference(
      reference,
      new Proxy(ctx, {
        set(target, property, value) {
          const next = property === 'resolveTree' ? withoutIndexedPages(value) : value;
          return Reflect.set(target, property, next);
        },
      }),
      info,
    );
  for (const connection of Object.keys(CONNECTIONS) as ConnectionName[]) {
    const field = user.getFields()[connection];
    const resolve = field?.resolve as Resolver | undefined;
    if (!field || !resolve) throw new Error(`@neo4j/graphql generated no ${connection} resolver`);
    field.resolve = async (source, args, ctx, info) => {
      const key = info.fieldNodes[0]?.alias?.value ?? info.fieldName;
      const userId = source[USER_ID_KEY];
      if (key in source || typeof userId !== 'string') return resolve(source, args, ctx, info);
      const page = await readPage(driver, connection, userId, args, ctx);
      return resolve({ ...source, [key]: page }, args, ctx, info);
    };
  }
  return schema;
}
