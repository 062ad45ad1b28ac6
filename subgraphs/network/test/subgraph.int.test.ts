import { HeaderMap } from '@apollo/server';
import type { Viewer } from '@flock/auth';
import { resolveLocalStack } from '@flock/env';
import { type Envelope, userFollowed, userUnfollowed, validateEnvelope } from '@flock/events';
import { runSteps, ServiceResources } from '@flock/service';
import { executeOperation, type OperationResult, testLogger, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { ensureGraphSchema, type FollowGraph, followGraph } from '../src/domain/graph';
import { startNetworkServer } from '../src/server';

// The subgraph on its own, as the gateway calls it: operations through its Apollo Server,
// against the real Neo4j. Users are nodes with fresh random ids (no other test sees them),
// removed afterwards with the outbox events written for them. No relay runs here (another
// test's may publish these events: the assertions read the nodes, pending or not).
const stack = resolveLocalStack(process.env);
const driver = neo4j.driver(stack.neo4jUri);
const logger = testLogger();
const resources = new ServiceResources();
const planted: string[] = [];
let outboxWakeUps = 0;
let graph: FollowGraph;
let apollo: Awaited<ReturnType<typeof startNetworkServer>>['apollo'];

beforeAll(async () => {
  await ensureGraphSchema(driver);
  graph = followGraph(driver, () => {
    outboxWakeUps++;
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
  await driver.close();
});

type Result<T> = OperationResult<T>;

/** Runs an operation as the gateway would send it, for `viewer` (null: signed out). */
async function run<T>(
  query: string,
  variables: Record<string, unknown> = {},
  viewer: Viewer | null = null,
  correlationId = uniqueId('correlation'),
): Promise<Result<T>> {
  return executeOperation(apollo, query, variables, createContext(graph, viewer, correlationId));
}

function problemOf(result: Result<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field };
}

/** Graph-only users with fresh ids. */
async function plantUsers(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await driver.executeQuery('UNWIND $ids AS id CREATE (:User {id: id})', { ids });
  planted.push(...ids);
  return ids;
}

/** FOLLOWS between planted users, `createdAt` one second apart in the order given. */
async function plantFollows(pairs: [string, string][]): Promise<void> {
  await driver.executeQuery(
    `UNWIND range(0, size($pairs) - 1) AS i
     MATCH (s:User {id: $pairs[i][0]}), (t:User {id: $pairs[i][1]})
     CREATE (s)-[:FOLLOWS {createdAt: datetime('2026-01-01T00:00:00Z') + duration({seconds: i})}]->(t)`,
    { pairs },
  );
}

function viewerOf(id: string): Viewer {
  return { id, sessionId: crypto.randomUUID() };
}

/** The outbox events written for follows by `followerId`, oldest first, parsed. */
async function outboxEventsOf(followerId: string): Promise<Envelope[]> {
  const { records } = await driver.executeQuery(
    `MATCH (e:OutboxEvent) WHERE e.envelope CONTAINS $followerId
     RETURN e.id AS id, e.topic AS topic, e.envelope AS envelope ORDER BY e.createdAt, e.id`,
    { followerId },
  );
  return records.map((record) => {
    const envelope: Envelope = JSON.parse(record.get('envelope'));
    // The node's id and topic are the envelope's: what the relay publishes it under.
    expect({ id: record.get('id'), topic: record.get('topic') }).toEqual({
      id: envelope.id,
      topic: envelope.type,
    });
    return envelope;
  });
}

async function followsCount(followerId: string, followeeId: string): Promise<number> {
  const { records } = await driver.executeQuery(
    'MATCH (:User {id: $followerId})-[f:FOLLOWS]->(:User {id: $followeeId}) RETURN count(f) AS n',
    { followerId, followeeId },
  );
  return records[0]?.get('n').toNumber() ?? -1;
}

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on User { id followerCount followingCount viewerFollows followsViewer }
  }
}`;

interface UserEntity {
  __typename: 'User';
  id: string;
  followerCount: number;
  followingCount: number;
  viewerFollows: boolean;
  followsViewer: boolean;
}

const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }';
const UNFOLLOW = 'mutation($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }';

describe('User entities', () => {
  it('resolves counts and the viewer relations in the order asked, null for unknown users', async () => {
    const [star = '', fan = '', other = '', loner = ''] = await plantUsers(4);
    await plantFollows([
      [fan, star],
      [other, star],
      [star, fan],
    ]);
    const representations = [star, crypto.randomUUID(), loner, fan].map((id) => ({
      __typename: 'User',
      id,
    }));

    const asFan = await run<{ _entities: (UserEntity | null)[] }>(
      ENTITIES,
      { representations },
      viewerOf(fan),
    );
    expect(asFan.errors).toBeUndefined();
    expect(asFan.data?._entities).toEqual([
      {
        __typename: 'User',
        id: star,
        followerCount: 2,
        followingCount: 1,
        viewerFollows: true,
        followsViewer: true,
      },
      null,
      {
        __typename: 'User',
        id: loner,
        followerCount: 0,
        followingCount: 0,
        viewerFollows: false,
        followsViewer: false,
      },
      {
        __typename: 'User',
        id: fan,
        followerCount: 1,
        followingCount: 1,
        viewerFollows: false,
        followsViewer: false,
      },
    ]);

    const signedOut = await run<{ _entities: (UserEntity | null)[] }>(ENTITIES, {
      representations: [{ __typename: 'User', id: star }],
    });
    expect(signedOut.errors).toBeUndefined();
    expect(signedOut.data?._entities[0]).toMatchObject({
      followerCount: 2,
      viewerFollows: false,
      followsViewer: false,
    });
  });

  it('pages followers newest first through the entity', async () => {
    const [star = '', ...fans] = await plantUsers(6);
    await plantFollows(fans.map((fan): [string, string] => [fan, star]));
    const PAGE = `query($representations: [_Any!]!, $after: String) {
      _entities(representations: $representations) { ... on User {
        followersConnection(first: 3, after: $after, sort: [{ edge: { createdAt: DESC } }]) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
        }
      } }
    }`;
    type Page = {
      _entities: {
        followersConnection: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string } }[];
        };
      }[];
    };
    const representations = [{ __typename: 'User', id: star }];
    const first = await run<Page>(PAGE, { representations });
    expect(first.errors).toBeUndefined();
    const page1 = first.data?._entities[0]?.followersConnection;
    expect(page1?.totalCount).toBe(5);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const second = await run<Page>(PAGE, { representations, after: page1?.pageInfo.endCursor });
    const page2 = second.data?._entities[0]?.followersConnection;
    expect(page2?.pageInfo.hasNextPage).toBe(false);
    expect([...(page1?.edges ?? []), ...(page2?.edges ?? [])].map((e) => e.node.id)).toEqual(
      [...fans].reverse(),
    );
  });
});

describe('follow and unfollow', () => {
  it('follows once, writing one user-followed event from the contract, and wakes the relay', async () => {
    const [me = '', them = ''] = await plantUsers(2);
    const wakeUpsBefore = outboxWakeUps;
    const correlationId = uniqueId('follow');

    const followed = await run<{ follow: unknown }>(
      FOLLOW,
      { id: them },
      viewerOf(me),
      correlationId,
    );
    expect(followed.errors).toBeUndefined();
    expect(followed.data?.follow).toEqual({ id: them, followerCount: 1, viewerFollows: true });
    expect(outboxWakeUps).toBe(wakeUpsBefore + 1);

    // Again: nothing changes, no second event.
    const again = await run<{ follow: unknown }>(FOLLOW, { id: them }, viewerOf(me));
    expect(again.errors).toBeUndefined();
    expect(again.data?.follow).toEqual({ id: them, followerCount: 1, viewerFollows: true });
    expect(await followsCount(me, them)).toBe(1);

    const [event, ...more] = await outboxEventsOf(me);
    expect(more).toEqual([]);
    const valid = validateEnvelope(userFollowed, event);
    expect(valid).toMatchObject({
      type: 'network.user-followed.v1',
      source: 'network',
      correlationId,
      payload: { followerId: me, followeeId: them },
    });
    // The event's time is the relationship's.
    const { records } = await driver.executeQuery(
      'MATCH (:User {id: $me})-[f:FOLLOWS]->(:User {id: $them}) RETURN toString(f.createdAt) AS at',
      { me, them },
    );
    expect(Date.parse(records[0]?.get('at'))).toBe(Date.parse(valid.payload.followedAt));
    expect(valid.occurredAt).toBe(valid.payload.followedAt);
  });

  it('unfollows once, writing one user-unfollowed event', async () => {
    const [me = '', them = ''] = await plantUsers(2);
    await plantFollows([[me, them]]);
    const correlationId = uniqueId('unfollow');

    const unfollowed = await run<{ unfollow: unknown }>(
      UNFOLLOW,
      { id: them },
      viewerOf(me),
      correlationId,
    );
    expect(unfollowed.errors).toBeUndefined();
    expect(unfollowed.data?.unfollow).toEqual({ id: them, followerCount: 0, viewerFollows: false });
    const again = await run<{ unfollow: unknown }>(UNFOLLOW, { id: them }, viewerOf(me));
    expect(again.errors).toBeUndefined();
    expect(again.data?.unfollow).toEqual({ id: them, followerCount: 0, viewerFollows: false });

    const [event, ...more] = await outboxEventsOf(me);
    expect(more).toEqual([]);
    expect(validateEnvelope(userUnfollowed, event)).toMatchObject({
      type: 'network.user-unfollowed.v1',
      source: 'network',
      correlationId,
      payload: { followerId: me, followeeId: them },
    });
  });

  it('writes each change of one operation with its own event, in order', async () => {
    const [me = '', a = '', b = ''] = await plantUsers(3);
    await plantFollows([[me, b]]);
    const result = await run<Record<string, { id: string; viewerFollows: boolean }>>(
      `mutation($a: ID!, $b: ID!) {
        first: follow(userId: $a) { id viewerFollows }
        second: unfollow(userId: $b) { id viewerFollows }
      }`,
      { a, b },
      viewerOf(me),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      first: { id: a, viewerFollows: true },
      second: { id: b, viewerFollows: false },
    });
    const events = await outboxEventsOf(me);
    const [follow, unfollow] = events;
    expect(validateEnvelope(userFollowed, follow).payload.followeeId).toBe(a);
    expect(validateEnvelope(userUnfollowed, unfollow).payload.followeeId).toBe(b);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('refuses bad input with coded errors naming the field, writing nothing', async () => {
    const [me = '', them = ''] = await plantUsers(2);
    const viewer = viewerOf(me);
    for (const mutation of [FOLLOW, UNFOLLOW]) {
      expect(problemOf(await run(mutation, { id: them }))).toEqual({
        code: 'UNAUTHENTICATED',
        field: undefined,
      });
      expect(problemOf(await run(mutation, { id: 'robert); DROP' }, viewer))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'userId',
      });
      expect(problemOf(await run(mutation, { id: me }, viewer))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'userId',
      });
      expect(problemOf(await run(mutation, { id: crypto.randomUUID() }, viewer))).toEqual({
        code: 'NOT_FOUND',
        field: 'userId',
      });
    }
    expect(await outboxEventsOf(me)).toEqual([]);
    expect(await followsCount(me, them)).toBe(0);
  });
});

describe('suggestedFollows', () => {
  it('ranks friends of friends by mutual follows, never the viewer or someone followed', async () => {
    const [me = '', a = '', b = '', c = '', x = '', y = '', z = ''] = await plantUsers(7);
    await plantFollows([
      [me, a],
      [me, b],
      [me, c],
      [a, x],
      [b, x],
      [c, x], // x: 3 mutuals
      [a, y],
      [b, y], // y: 2
      [c, z], // z: 1
      [a, b], // b is already followed: excluded
      [a, me], // the viewer: excluded
    ]);
    type Suggestions = { suggestedFollows: { id: string; followerCount: number }[] };
    const all = await run<Suggestions>(
      '{ suggestedFollows { id followerCount } }',
      {},
      viewerOf(me),
    );
    expect(all.errors).toBeUndefined();
    expect(all.data?.suggestedFollows).toEqual([
      { id: x, followerCount: 3 },
      { id: y, followerCount: 2 },
      { id: z, followerCount: 1 },
    ]);
    const top = await run<Suggestions>('{ suggestedFollows(first: 1) { id } }', {}, viewerOf(me));
    expect(top.data?.suggestedFollows).toEqual([{ id: x }]);
  });

  it('needs a signed-in viewer', async () => {
    expect(problemOf(await run('{ suggestedFollows { id } }'))).toEqual({
      code: 'UNAUTHENTICATED',
      field: undefined,
    });
  });
});

describe("list bounds beside the kit's page bounds", () => {
  /** A page refused by both plugins: the status is this subgraph's, whichever error is sent. */
  async function refusedPage(accept: string) {
    const response = await apollo.executeOperation(
      {
        query: `query($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on User { followers(limit: 1000) { id } } } }`,
        variables: { representations: [{ __typename: 'User', id: crypto.randomUUID() }] },
        http: {
          method: 'POST',
          headers: new HeaderMap([['accept', accept]]),
          search: '',
          body: {},
        },
      },
      { contextValue: createContext(graph, null, uniqueId('correlation')) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const [error] = response.body.singleResult.errors ?? [];
    return {
      status: response.http.status,
      code: error?.extensions?.code,
      field: error?.extensions?.field,
    };
  }

  it('answers 200 to application/json (the gateway passes the code on), 400 otherwise', async () => {
    expect(await refusedPage('application/json')).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      field: 'followers.limit',
    });
    expect(await refusedPage('application/graphql-response+json')).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      field: 'followers.limit',
    });
  });
});
