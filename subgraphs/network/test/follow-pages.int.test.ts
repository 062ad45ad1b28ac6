import type { Viewer } from '@flock/auth';
import { resolveLocalStack } from '@flock/env';
import { runSteps, ServiceResources } from '@flock/service';
import { executeOperation, type OperationResult, testLogger, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { type FollowGraph, followGraph, removeUser } from '../src/domain/graph';
import { ensureGraphSchema } from '../src/domain/graph-schema';
import { pageCypher } from '../src/follow-pages';
import { startNetworkServer } from '../src/server';

// Pages of followers and following read from the FOLLOWS indexes (src/follow-pages.ts),
// against the real Neo4j, through the subgraph as the gateway calls it: each page is compared
// with the same page as @neo4j/graphql reads it (a `where` that keeps every follow makes the
// library answer), and follows change through the real mutations.
const stack = resolveLocalStack(process.env);
const driver = neo4j.driver(stack.neo4jUri);
const logger = testLogger();
const resources = new ServiceResources();
const planted: string[] = [];
let graph: FollowGraph;
let apollo: Awaited<ReturnType<typeof startNetworkServer>>['apollo'];

beforeAll(async () => {
  await ensureGraphSchema(driver);
  graph = followGraph(driver, () => {}, {
    accounts: { registeredAt: async () => null },
    transactionTimeoutMs: 10_000,
  });
  ({ apollo } = await startNetworkServer(resources, {
    driver,
    graph,
    logger,
    verifyAccessToken: async () => null,
  }));
});

afterAll(async () => {
  await runSteps(resources.steps(), logger);
  await driver.executeQuery(
    `MATCH (e:OutboxEvent) WHERE any(id IN $ids WHERE e.envelope CONTAINS id) DETACH DELETE e`,
    { ids: planted },
  );
  await driver.executeQuery('MATCH (u:User) WHERE u.id IN $ids DETACH DELETE u', { ids: planted });
  await driver.executeQuery('MATCH (u:DeletedUser) WHERE u.id IN $ids DELETE u', { ids: planted });
  await driver.close();
});

function run<T>(
  query: string,
  variables: Record<string, unknown>,
  viewer: Viewer | null = null,
  now = new Date(),
): Promise<OperationResult<T>> {
  return executeOperation(
    apollo,
    query,
    variables,
    createContext(graph, viewer, uniqueId('pages'), now),
  );
}

async function plantUsers(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await driver.executeQuery('UNWIND $ids AS id CREATE (:User {id: id})', { ids });
  planted.push(...ids);
  return ids;
}

/**
 * FOLLOWS as follow writes them, the i-th `seconds(i)` after 2026-01-01; `ends: false` as
 * versions before the indexes wrote them (no follower/followee ids).
 */
async function plantFollows(
  pairs: [string, string][],
  { seconds = (i: number) => i, ends = true } = {},
): Promise<void> {
  await driver.executeQuery(
    `UNWIND range(0, size($pairs) - 1) AS i
     MATCH (s:User {id: $pairs[i][0]}), (t:User {id: $pairs[i][1]})
     CREATE (s)-[f:FOLLOWS {createdAt: datetime('2026-01-01T00:00:00Z') + duration({seconds: $seconds[i]})}]->(t)
     FOREACH (_ IN CASE WHEN $ends THEN [1] ELSE [] END |
       SET f.follower = s.id, f.followee = t.id)`,
    { pairs, seconds: pairs.map((_, i) => seconds(i)), ends },
  );
}

function viewerOf(id: string): Viewer {
  return { id, sessionId: crypto.randomUUID() };
}

type Connection = 'followersConnection' | 'followingConnection';

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: {
    cursor: string;
    properties: { createdAt: string };
    node: {
      id: string;
      followerCount: number;
      followingCount: number;
      viewerFollows: boolean;
      followsViewer: boolean;
    };
  }[];
}

// Every follow has a createdAt before 2100: this `where` changes no page, only who reads it.
const LIBRARY = ', where: { edge: { createdAt: { lt: "2100-01-01T00:00:00Z" } } }';

/** One page of `connection` of `userId`, read here or (`library`) by @neo4j/graphql. */
async function page(
  connection: Connection,
  userId: string,
  {
    first = 3 as number | null,
    after = null as string | null,
    viewer = null as Viewer | null,
    library = false,
  } = {},
): Promise<Page> {
  const result = await run<{ _entities: Record<Connection, Page>[] }>(
    `query($reps: [_Any!]!, $first: Int, $after: String) {
      _entities(representations: $reps) { ... on User {
        ${connection}(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]${library ? LIBRARY : ''}) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor properties { createdAt }
            node { id followerCount followingCount viewerFollows followsViewer } }
        }
      } }
    }`,
    { reps: [{ __typename: 'User', id: userId }], first, after },
    viewer,
  );
  expect(result.errors).toBeUndefined();
  const answer = result.data?._entities[0]?.[connection];
  if (!answer) throw new Error(`no ${connection} in the answer`);
  return answer;
}

/** Every page of `connection`, in order, each checked against the library's. */
async function allPages(
  connection: Connection,
  userId: string,
  options: { first?: number; viewer?: Viewer | null; compare?: boolean } = {},
): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const indexed = await page(connection, userId, { ...options, after });
    if (options.compare !== false) {
      expect(indexed).toEqual(await page(connection, userId, { ...options, after, library: true }));
    }
    pages.push(indexed);
    if (!indexed.pageInfo.hasNextPage) return pages;
    after = indexed.pageInfo.endCursor;
  }
  throw new Error('more than 50 pages');
}

const idsOf = (pages: Page[]) => pages.flatMap((p) => p.edges.map((e) => e.node.id));

describe('followersConnection and followingConnection newest first', () => {
  it('answer what the library answers, page by page, with counts and viewer relations', async () => {
    const [star = '', viewer = '', ...fans] = await plantUsers(9);
    // Fans follow the star a second apart; some follow each other, the viewer, or are followed.
    await plantFollows([
      ...fans.map((fan): [string, string] => [fan, star]),
      [fans[0] ?? '', fans[1] ?? ''],
      [viewer, fans[2] ?? ''],
      [fans[3] ?? '', viewer],
      [star, fans[4] ?? ''],
    ]);
    const pages = await allPages('followersConnection', star, { viewer: viewerOf(viewer) });
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
    expect(pages.every((p) => p.totalCount === 7)).toBe(true);
    expect(idsOf(pages)).toEqual([...fans].reverse());
    const nodes = pages.flatMap((p) => p.edges.map((e) => e.node));
    expect(nodes.find((n) => n.id === fans[2])).toMatchObject({ viewerFollows: true });
    expect(nodes.find((n) => n.id === fans[3])).toMatchObject({ followsViewer: true });
    expect(pages[0]?.edges[0]?.properties.createdAt).toBe('2026-01-01T00:00:06.000Z');

    const following = await allPages('followingConnection', fans[0] ?? '', { first: 1 });
    expect(idsOf(following)).toEqual([fans[1], star]);
    // `first: null`: the library's cap (100), hasNextPage false, as the library answers it.
    expect(await page('followersConnection', star, { first: null })).toEqual(
      await page('followersConnection', star, { first: null, library: true }),
    );
    // A user nobody follows: an empty page, as the library answers it.
    expect(await page('followersConnection', viewer)).toEqual(
      await page('followersConnection', viewer, { library: true }),
    );
  });

  it('pages through equal timestamps without gaps or duplicates', async () => {
    const [star = '', ...fans] = await plantUsers(26);
    await plantFollows(
      fans.map((fan): [string, string] => [fan, star]),
      { seconds: (i) => Math.floor(i / 10) }, // 10, 10 and 5 follows at the same instant
    );
    const pages = await allPages('followersConnection', star, { first: 4, compare: false });
    expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
    const ids = idsOf(pages);
    expect(ids).toHaveLength(25);
    expect(new Set(ids)).toEqual(new Set(fans));
    const times = pages.flatMap((p) => p.edges.map((e) => e.properties.createdAt));
    expect(times).toEqual([...times].sort().reverse());
    // The same pages when asked again: ties keep their order between requests.
    expect(
      idsOf(await allPages('followersConnection', star, { first: 4, compare: false })),
    ).toEqual(ids);
  });

  it('follow, unfollow and refollow: the refollow is the newest, counts follow', async () => {
    const [me = '', a = '', b = '', c = ''] = await plantUsers(4);
    const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id } }';
    const UNFOLLOW = 'mutation($id: ID!) { unfollow(userId: $id) { id } }';
    const at = (second: number) => new Date(Date.UTC(2026, 0, 2, 0, 0, second));
    for (const [i, them] of [a, b, c].entries()) {
      expect((await run(FOLLOW, { id: them }, viewerOf(me), at(i))).errors).toBeUndefined();
    }
    expect(idsOf(await allPages('followingConnection', me))).toEqual([c, b, a]);

    expect((await run(UNFOLLOW, { id: b }, viewerOf(me), at(10))).errors).toBeUndefined();
    expect(idsOf(await allPages('followingConnection', me))).toEqual([c, a]);
    expect((await page('followersConnection', b)).totalCount).toBe(0);

    expect((await run(FOLLOW, { id: b }, viewerOf(me), at(20))).errors).toBeUndefined();
    const refollowed = await allPages('followingConnection', me, { first: 2 });
    expect(idsOf(refollowed)).toEqual([b, c, a]);
    expect(refollowed[0]?.edges[0]?.properties.createdAt).toBe('2026-01-02T00:00:20.000Z');
    expect(refollowed[0]?.totalCount).toBe(3);
    expect(idsOf(await allPages('followersConnection', b))).toEqual([me]);
  });

  it('leaves deleted accounts out of pages and counts', async () => {
    const [star = '', ...fans] = await plantUsers(5);
    await plantFollows(fans.map((fan): [string, string] => [fan, star]));
    await removeUser(driver, fans[2] ?? '', new Date().toISOString());
    const pages = await allPages('followersConnection', star);
    expect(idsOf(pages)).toEqual([fans[3], fans[1], fans[0]]);
    expect(pages[0]?.totalCount).toBe(3);
  });

  it('serves follows written before the indexes once the schema is ensured (backfill)', async () => {
    const [star = '', ...fans] = await plantUsers(4);
    await plantFollows(
      fans.map((fan): [string, string] => [fan, star]),
      { ends: false },
    );
    // Before the backfill the index has no entry for them: the library's page lists them, the
    // one read here does not (which also shows which of the two answers).
    expect(idsOf([await page('followersConnection', star, { library: true })])).toEqual(
      [...fans].reverse(),
    );
    expect(await page('followersConnection', star)).toMatchObject({ edges: [], totalCount: 3 });
    await ensureGraphSchema(driver);
    expect(idsOf(await allPages('followersConnection', star))).toEqual([...fans].reverse());
    expect(idsOf(await allPages('followingConnection', fans[0] ?? ''))).toEqual([star]);
    // Ensuring it again changes nothing.
    await ensureGraphSchema(driver);
    expect(idsOf(await allPages('followersConnection', star))).toEqual([...fans].reverse());
  });
});

/** The operators of a query's plan (EXPLAIN: nothing runs). */
async function operators(query: string, params: Record<string, unknown>): Promise<string[]> {
  const { summary } = await driver.executeQuery(`EXPLAIN ${query}`, params);
  const names: string[] = [];
  const visit = (plan: { operatorType: string; children: unknown[] }) => {
    names.push(plan.operatorType.replace(/@.*$/, ''));
    for (const child of plan.children) visit(child as typeof plan);
  };
  if (summary.plan) visit(summary.plan as unknown as { operatorType: string; children: unknown[] });
  return names;
}

describe('query plans', () => {
  it('counts from the degree store: no expand', async () => {
    for (const count of ['(this)<-[:FOLLOWS]-()', '(this)-[:FOLLOWS]->()']) {
      // As @neo4j/graphql runs the @cypher counts of schema.graphql.
      const plan = await operators(
        `MATCH (this:User) WHERE this.id = $id
         CALL (this) { CALL (this) { WITH this AS this RETURN COUNT { ${count} } AS count }
           RETURN count }
         RETURN count`,
        { id: 'x' },
      );
      expect(plan.some((op) => op.startsWith('Expand') || op.includes('Apply'))).toBe(false);
    }
  });

  it('reads a page in index order: an index seek, no sort, no expand of the user', async () => {
    for (const connection of ['followersConnection', 'followingConnection'] as const) {
      const plan = await operators(pageCypher(connection), {
        userId: 'x',
        skip: neo4j.int(0),
        first: neo4j.int(20),
        viewer: null,
      });
      expect(plan.some((op) => op.includes('RelationshipIndexSeek'))).toBe(true);
      expect(plan.some((op) => /Sort|Top/.test(op))).toBe(false);
      expect(plan.some((op) => op === 'Expand(All)')).toBe(false);
    }
  });
});
