import { resolveLocalStack } from '@flock/env';
import { pollFor, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { dataOf, type GraphQLResponse, graphql, startTestStack, type TestStack } from './harness';

/**
 * Every list is bounded however a query is phrased (issue 11, item 2): a user with 150
 * followers, asked for them every way a client can, never gets more than 100 items in any
 * list, and what is refused is a coded client error, never a 5xx.
 *
 * The star and the viewer are real accounts (identity resolves `user(id:)`, and the viewer
 * signs in). The 300 other users exist only in the graph: registering them through the
 * gateway would cost 300 argon2 hashes and run into the per-client registration limit, so
 * they are User nodes with fresh random ids planted in Neo4j (no other test can see them),
 * followed and following directly, and removed afterwards:
 * - 150 fans follow the star, and the star follows them back;
 * - every fan follows every other fan (each has 149 followers of its own: nesting multiplies);
 * - the viewer follows the fans, and every fan follows 150 others, more recently than it
 *   followed anyone else (150 suggestions of 150 mutuals each).
 */

const MAX = 100;
const DEFAULT_PAGE = 20;

const stack = resolveLocalStack(process.env);
const driver = neo4j.driver(stack.neo4jUri);
let services: TestStack;
let star: Account;
let viewer: Account;
const fans: string[] = Array.from({ length: 150 }, () => crypto.randomUUID());
const others: string[] = Array.from({ length: 150 }, () => crypto.randomUUID());

interface Account {
  id: string;
  token: string;
}

/** A real account (through the gateway), once its node exists in the graph. */
async function account(): Promise<Account> {
  const username = uniqueId('lb');
  const response = await graphql(
    services.gatewayUrl,
    gql(`
      mutation ListBoundsRegister($input: RegisterInput!) {
        register(input: $input) { accessToken user { id } }
      }
    `),
    { input: { username, email: `${username}@example.com`, password: 'long enough pw' } },
  );
  expect(response.errors).toBeUndefined();
  const { accessToken: token, user } = dataOf(response).register;
  await pollFor(
    async () =>
      (await driver.executeQuery('MATCH (u:User {id: $id}) RETURN u', { id: user.id })).records
        .length === 1,
    { description: `the graph node of ${username}` },
  );
  return { id: user.id, token };
}

async function plantGraph(): Promise<void> {
  await driver.executeQuery('UNWIND $ids AS id CREATE (:User {id: id})', {
    ids: [...fans, ...others],
  });
  await driver.executeQuery(
    `MATCH (star:User {id: $star}), (viewer:User {id: $viewer})
     UNWIND range(0, size($fans) - 1) AS i
     MATCH (fan:User {id: $fans[i]})
     WITH star, viewer, fan, datetime('2026-01-01T00:00:00Z') + duration({seconds: i}) AS at
     CREATE (fan)-[:FOLLOWS {createdAt: at, follower: fan.id, followee: star.id}]->(star),
            (star)-[:FOLLOWS {createdAt: at, follower: star.id, followee: fan.id}]->(fan),
            (viewer)-[:FOLLOWS {createdAt: at, follower: viewer.id, followee: fan.id}]->(fan)`,
    { star: star.id, viewer: viewer.id, fans },
  );
  // The fans' follows of the others are their most recent: what suggestedFollows draws from.
  await driver.executeQuery(
    `MATCH (fan:User) WHERE fan.id IN $fans
     WITH collect(fan) AS group
     MATCH (other:User) WHERE other.id IN $others
     WITH group, collect(other) AS outside
     UNWIND group AS a
     CALL (a, group, outside) {
       UNWIND group AS b
       WITH a, b WHERE a <> b
       CREATE (a)-[:FOLLOWS {createdAt: datetime('2026-02-01T00:00:00Z'), follower: a.id, followee: b.id}]->(b)
     }
     CALL (a, outside) {
       UNWIND outside AS b
       CREATE (a)-[:FOLLOWS {createdAt: datetime('2026-03-01T00:00:00Z'), follower: a.id, followee: b.id}]->(b)
     }`,
    { fans, others },
  );
}

beforeAll(async () => {
  services = await startTestStack({ network: true });
  star = await account();
  viewer = await account();
  await plantGraph();
}, 120_000);

afterAll(async () => {
  await driver.executeQuery('MATCH (u:User) WHERE u.id IN $ids DETACH DELETE u', {
    ids: [...fans, ...others],
  });
  await services?.stop();
  await driver.close();
});

/** The longest list anywhere in a value (walked without recursion). */
function longestList(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      longest = Math.max(longest, item.length);
      stack.push(...item);
    } else if (item && typeof item === 'object') {
      stack.push(...Object.values(item));
    }
  }
  return longest;
}

/** What the issue demands of any answer: no list over 100, and no 5xx. */
function expectNoLongList(response: GraphQLResponse<unknown>) {
  expect(response.status).toBeLessThan(500);
  expect(longestList(response.data)).toBeLessThanOrEqual(MAX);
}

/** Served, without errors, every list within the bound. */
function expectServed(response: GraphQLResponse<unknown>) {
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expectNoLongList(response);
}

/** Refused as a client mistake: a 4xx, with the code (and the field) that says why. */
function expectRefused(response: GraphQLResponse<unknown>, codes: string[], field?: string) {
  expectNoLongList(response);
  const [error] = response.errors ?? [];
  expect(codes).toContain(error?.extensions?.code);
  if (field && error?.extensions?.code === 'BAD_USER_INPUT') {
    expect(error.extensions.field).toBe(field);
  }
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
}

const COST = 'QUERY_TOO_COMPLEX';
const BAD_INPUT = 'BAD_USER_INPUT';

/*
 * The queries below are built from a selection (each phrasing of a list is the point), so
 * they are strings: the caller names what its selection answers, with these shapes.
 */
interface Id {
  id: string;
}
interface Page {
  edges: { node: Id }[];
}
interface PagedConnection extends Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
/** The answer to `onStar(selection)`: the star's User with the fields `T` of the selection. */
type OnStar<T> = GraphQLResponse<{ user: T | null }>;

/** `selection` on the star's User, through the gateway. */
function onStar<T = unknown>(
  selection: string,
  variables: Record<string, unknown> = {},
  definitions = '',
): Promise<OnStar<T>> {
  return graphql(
    services.gatewayUrl,
    `query($id: ID${definitions}) { user(id: $id) { ${selection} } }`,
    { id: star.id, ...variables },
  );
}

describe('lists through the gateway, a user with 150 followers', () => {
  it('serves a default page of 20 when the client asks for none', async () => {
    const followers = await onStar<{ followers: Id[] }>('followers { id }');
    expectServed(followers);
    expect(followers.data?.user?.followers).toHaveLength(DEFAULT_PAGE);

    const following = await onStar<{ following: Id[] }>('following { id }');
    expectServed(following);
    expect(following.data?.user?.following).toHaveLength(DEFAULT_PAGE);

    const connection = await onStar<{
      followersConnection: Page & { totalCount: number; pageInfo: { hasNextPage: boolean } };
    }>('followersConnection { totalCount edges { node { id } } pageInfo { hasNextPage } }');
    expectServed(connection);
    expect(connection.data?.user?.followersConnection.edges).toHaveLength(DEFAULT_PAGE);
    expect(connection.data?.user?.followersConnection).toMatchObject({
      totalCount: 150,
      pageInfo: { hasNextPage: true },
    });

    const followingConnection = await onStar<{ followingConnection: Page }>(
      'followingConnection { edges { node { id } } }',
    );
    expectServed(followingConnection);
    expect(followingConnection.data?.user?.followingConnection.edges).toHaveLength(DEFAULT_PAGE);
  });

  it('serves up to 100, literal or variable, and pages through all 150', async () => {
    const literal = await onStar<{ followers: Id[] }>('followers(limit: 100) { id }');
    expectServed(literal);
    expect(literal.data?.user?.followers).toHaveLength(MAX);

    const variable = await onStar<{ followersConnection: Page }>(
      'followersConnection(first: $n) { edges { node { id } } }',
      { n: 100 },
      ', $n: Int',
    );
    expectServed(variable);
    expect(variable.data?.user?.followersConnection.edges).toHaveLength(MAX);

    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      // Annotated: `after` (a variable here) comes from the previous answer.
      const response: OnStar<{ followersConnection: PagedConnection }> = await onStar(
        `followersConnection(first: 100, after: $after, sort: [{ edge: { createdAt: DESC } }]) {
          pageInfo { hasNextPage endCursor } edges { node { id } } }`,
        { after },
        ', $after: String',
      );
      expectServed(response);
      const connection = dataOf(response).user?.followersConnection;
      if (!connection) throw new Error('no user in the answer');
      for (const edge of connection.edges) seen.add(edge.node.id);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(new Set(fans));
  });

  it('refuses pages over 100 however they are asked for, naming the field', async () => {
    const phrasings: [string, Promise<GraphQLResponse<unknown>>, string][] = [
      ['literal limit', onStar('followers(limit: 1000) { id }'), 'followers.limit'],
      ['following', onStar('following(limit: 1000) { id }'), 'following.limit'],
      [
        'literal first',
        onStar('followersConnection(first: 1000) { edges { node { id } } }'),
        'followersConnection.first',
      ],
      [
        'following connection',
        onStar('followingConnection(first: 101) { edges { node { id } } }'),
        'followingConnection.first',
      ],
      [
        'variable',
        onStar(
          'followersConnection(first: $n) { edges { node { id } } }',
          { n: 1000 },
          ', $n: Int',
        ),
        'followersConnection.first',
      ],
      [
        'variable default',
        onStar(
          'followersConnection(first: $n) { edges { node { id } } }',
          {},
          ', $n: Int = 100000',
        ),
        'followersConnection.first',
      ],
      [
        'variable default on a relationship list',
        onStar('followers(limit: $n) { id }', {}, ', $n: Int = 100000'),
        'followers.limit',
      ],
      [
        'negative',
        onStar('followersConnection(first: -1) { edges { node { id } } }'),
        'followersConnection.first',
      ],
      [
        'inside a fragment',
        graphql(
          services.gatewayUrl,
          gql(`
            query ListBoundsInFragment($id: ID) { user(id: $id) { ...ListBoundsMany } }
            fragment ListBoundsMany on User { followers(limit: 5000) { id } }
          `),
          { id: star.id },
        ),
        'followers.limit',
      ],
    ];
    for (const [name, request, field] of phrasings) {
      const response = await request;
      try {
        expectRefused(response, [BAD_INPUT], field);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}\n${JSON.stringify(response)}`);
      }
    }
  });

  it('keeps every list of an aliased query within the bound', async () => {
    const aliased = await onStar<{ a4: Id[] }>(
      Array.from({ length: 5 }, (_, i) => `a${i}: followers(limit: 100) { id }`).join(' '),
    );
    expectServed(aliased);
    expect(aliased.data?.user?.a4).toHaveLength(MAX);

    const aliasedOver = await onStar(
      Array.from({ length: 5 }, (_, i) => `a${i}: followers(limit: ${200 + i}) { id }`).join(' '),
    );
    expectRefused(aliasedOver, [BAD_INPUT]);
  });

  it('nesting multiplies: served while small, refused as too costly when it is not', async () => {
    const small = await onStar<{ followers: (Id & { followers: Id[] })[] }>(
      'followers { id followers { id } }',
    );
    expectServed(small);
    expect(small.data?.user?.followers).toHaveLength(DEFAULT_PAGE);
    expect(small.data?.user?.followers[0]?.followers).toHaveLength(DEFAULT_PAGE);

    const wide = await onStar('followers(limit: 100) { followers(limit: 100) { id } }');
    expectRefused(wide, [COST]);

    // 20 × 20 × 20 users by default: refused by the gateway's cost, or served within bounds.
    const deep = await onStar('followers { followers { followers { id } } }');
    if (deep.errors) expectRefused(deep, [COST]);
    else expectServed(deep);

    const deeper = await onStar(
      'followers(limit: 100) { followers(limit: 100) { followers(limit: 100) { id } } }',
    );
    expectRefused(deeper, [COST]);
  });

  it('bounds suggestedFollows', async () => {
    const ask = (first?: number) =>
      graphql<{ suggestedFollows: Id[] }>(
        services.gatewayUrl,
        `{ suggestedFollows${first === undefined ? '' : `(first: ${first})`} { id } }`,
        {},
        { token: viewer.token },
      );
    const byDefault = await ask();
    expectServed(byDefault);
    expect(byDefault.data?.suggestedFollows).toHaveLength(10);

    const full = await ask(100);
    expectServed(full);
    expect(full.data?.suggestedFollows).toHaveLength(MAX);
    // Each fan's 200 most recent follows are the 150 others (150 mutuals each) and fans (whom
    // the viewer follows already); never the viewer.
    const ids = dataOf(full).suggestedFollows.map((u) => u.id);
    expect(ids.filter((id) => !others.includes(id))).toEqual([]);

    expectRefused(await ask(1000), [BAD_INPUT], 'suggestedFollows.first');
  });

  // This and the next are refused by the network subgraph (the gateway lets them through):
  // it answers BAD_USER_INPUT, and the gateway must answer that with a 4xx too.
  it('bounds lists inside where filters', async () => {
    const manyIds = await onStar(
      'followersConnection(where: { node: { id: { in: $ids } } }) { edges { node { id } } }',
      { ids: fans },
      ', $ids: [ID!]',
    );
    expectRefused(manyIds, [BAD_INPUT], 'followersConnection.where.node.id.in');

    const fewIds = await onStar<{ followersConnection: Page }>(
      'followersConnection(where: { node: { id: { in: $ids } } }) { edges { node { id } } }',
      { ids: fans.slice(0, 10) },
      ', $ids: [ID!]',
    );
    expectServed(fewIds);
    expect(fewIds.data?.user?.followersConnection.edges).toHaveLength(10);

    // A filter through a relationship reads every related node before any page is cut: not
    // offered.
    const throughRelationship = await onStar(
      'followers(where: { followers: { some: { id: { eq: $id } } } }) { id }',
    );
    expect(throughRelationship.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(throughRelationship.status).toBe(400);
  });

  it('refuses a page of 0, which the library would read as "everything"', async () => {
    const zero = await onStar('followersConnection(first: 0) { edges { node { id } } }');
    expectNoLongList(zero);
    expectRefused(zero, [BAD_INPUT], 'followersConnection.first');
  });
});

describe('the network subgraph on its own (defence in depth)', () => {
  /** `selection` on the star's User, straight to the subgraph as the gateway would ask. */
  function entity<T = unknown>(
    selection: string,
    variables: Record<string, unknown> = {},
    definitions = '',
  ) {
    return graphql<{ _entities: T[] }>(
      services.networkUrl ?? '',
      `query($reps: [_Any!]!${definitions}) { _entities(representations: $reps) { ... on User { ${selection} } } }`,
      { reps: [{ __typename: 'User', id: star.id }], ...variables },
    );
  }

  /** Refused by the subgraph: coded, and HTTP 200 so the gateway passes the code on. */
  function expectSubgraphRefused(response: GraphQLResponse<unknown>, code: string, field?: string) {
    expect(response.status).toBe(200);
    expect(longestList(response.data)).toBe(0);
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(response.errors?.[0]?.extensions?.field).toBe(field);
  }

  it('defaults and caps pages whatever reaches it', async () => {
    const defaults = await entity<{ followers: Id[]; following: Id[]; followersConnection: Page }>(
      'followers { id } following { id } followersConnection { edges { node { id } } }',
    );
    expect(defaults.errors).toBeUndefined();
    const [user] = dataOf(defaults)._entities;
    expect(user?.followers).toHaveLength(DEFAULT_PAGE);
    expect(user?.following).toHaveLength(DEFAULT_PAGE);
    expect(user?.followersConnection.edges).toHaveLength(DEFAULT_PAGE);
    const service = await graphql<{ _service: { sdl: string } }>(
      services.networkUrl ?? '',
      '{ _service { sdl } }',
    );
    expect(service.data?._service.sdl).toContain(
      'followersConnection(where: UserFollowersConnectionWhere, first: Int = 20',
    );

    for (const [selection, definitions, field] of [
      ['followers(limit: 1000) { id }', '', 'followers.limit'],
      ['followers(limit: 0) { id }', '', 'followers.limit'],
      ['followersConnection(first: 0) { totalCount }', '', 'followersConnection.first'],
      [
        'followersConnection(first: $n) { totalCount }',
        ', $n: Int = 100000',
        'followersConnection.first',
      ],
    ] as const) {
      expectSubgraphRefused(await entity(selection, {}, definitions), BAD_INPUT, field);
    }
  });

  it('refuses what would multiply past its row budget, entity batches included', async () => {
    expectSubgraphRefused(
      await entity('followers(limit: 100) { followers(limit: 100) { id } }'),
      COST,
    );
    const batch = await graphql(
      services.networkUrl ?? '',
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { followers(limit: 100) { id } } } }',
      { reps: [...fans, ...others].map((id) => ({ __typename: 'User', id })) },
    );
    expectSubgraphRefused(batch, COST);
  });

  it('refuses hostile filters with a code instead of failing inside the library', async () => {
    let deep: Record<string, unknown> = { id: { eq: star.id } };
    for (let i = 0; i < 3_000; i++) deep = { NOT: deep };
    expectSubgraphRefused(
      await entity('followers(where: $where) { id }', { where: deep }, ', $where: UserWhere'),
      BAD_INPUT,
      '$where',
    );
    const ids = Array.from({ length: 2_000 }, () => crypto.randomUUID());
    expectSubgraphRefused(
      await entity('followers(where: { id: { in: $ids } }) { id }', { ids }, ', $ids: [ID!]'),
      BAD_INPUT,
      'followers.where.id.in',
    );
  });
});
