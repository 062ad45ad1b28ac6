import { HeaderMap } from '@apollo/server';
import type { Viewer } from '@flock/auth';
import { resolveLocalStack } from '@flock/env';
import { type Envelope, userFollowed, userUnfollowed, validateEnvelope } from '@flock/events';
import { serviceUnavailable } from '@flock/graphql';
import { runSteps, ServiceResources } from '@flock/service';
import { executeOperation, type OperationResult, testLogger, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import type { AccountDirectory } from '../src/domain/follows';
import { type FollowGraph, followGraph } from '../src/domain/graph';
import { ensureGraphSchema } from '../src/domain/graph-schema';
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
// Identity, as the subgraph asks it about users the graph has no node for: accounts by id
// (their registration time), or down.
const accounts = new Map<string, string>();
let identityDown = false;
const accountLookups: string[] = [];
const identity: AccountDirectory = {
  async registeredAt(userId) {
    accountLookups.push(userId);
    if (identityDown) throw serviceUnavailable('identity');
    return accounts.get(userId) ?? null;
  },
};
let apollo: Awaited<ReturnType<typeof startNetworkServer>>['apollo'];

beforeAll(async () => {
  await ensureGraphSchema(driver);
  graph = followGraph(
    driver,
    () => {
      outboxWakeUps++;
    },
    { accounts: identity, transactionTimeoutMs: 4_000 },
  );
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

/**
 * FOLLOWS between planted users as follow writes them, `createdAt` one second apart in the
 * order given.
 */
async function plantFollows(pairs: [string, string][]): Promise<void> {
  await driver.executeQuery(
    `UNWIND range(0, size($pairs) - 1) AS i
     MATCH (s:User {id: $pairs[i][0]}), (t:User {id: $pairs[i][1]})
     CREATE (s)-[:FOLLOWS {createdAt: datetime('2026-01-01T00:00:00Z') + duration({seconds: i}),
       follower: s.id, followee: t.id}]->(t)`,
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

/** An outbox event as the relay publishes it: valid for its topic, with its sequence. */
function changeOf(event: Envelope) {
  const valid =
    event.type === userFollowed.name
      ? validateEnvelope(userFollowed, event)
      : validateEnvelope(userUnfollowed, event);
  return {
    op: event.type === userFollowed.name ? 'follow' : 'unfollow',
    followeeId: valid.payload.followeeId,
    sequence: valid.payload.sequence ?? 0,
  };
}

describe('the follow clock: every change of one follower numbered, in commit order', () => {
  it('numbers the events strictly increasing, at least the database time in ms', async () => {
    const [me = '', them = ''] = await plantUsers(2);
    const before = Date.now();
    const result = await run<Record<string, unknown>>(
      `mutation($id: ID!) {
        a: follow(userId: $id) { id } b: unfollow(userId: $id) { id } c: follow(userId: $id) { id }
      }`,
      { id: them },
      viewerOf(me),
    );
    expect(result.errors).toBeUndefined();
    const changes = (await outboxEventsOf(me)).map(changeOf);
    expect(changes.map((c) => c.op)).toEqual(['follow', 'unfollow', 'follow']);
    const [first, second, third] = changes.map((c) => c.sequence);
    expect(first).toBeGreaterThanOrEqual(before - 1_000); // the database's clock, not ours
    expect(second).toBeGreaterThan(first ?? 0);
    expect(third).toBeGreaterThan(second ?? 0);
  });

  it('serializes concurrent changes of one follower: the latest of each pair is the graph', async () => {
    const [me = '', ...targets] = await plantUsers(6);
    const viewer = viewerOf(me);
    // 60 changes at once, 12 per target, follows and unfollows interleaved.
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        run(i % 3 === 0 ? UNFOLLOW : FOLLOW, { id: targets[i % targets.length] }, viewer),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const changes = (await outboxEventsOf(me)).map(changeOf);
    const sequences = changes.map((c) => c.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    for (const target of targets) {
      const ofPair = changes
        .filter((c) => c.followeeId === target)
        .sort((x, y) => x.sequence - y.sequence);
      // A pair's events alternate (only real changes are events), and the last is the graph.
      ofPair.forEach((c, i) => {
        if (i > 0) expect(c.op).not.toBe(ofPair[i - 1]?.op);
      });
      const following = (await followsCount(me, target)) === 1;
      expect(ofPair.at(-1)?.op ?? 'unfollow').toBe(following ? 'follow' : 'unfollow');
    }
  });
});

describe('users identity has and the graph does not have yet', () => {
  it('follows them at once: their node is made as the registration consumer makes it', async () => {
    const [me = ''] = await plantUsers(1);
    const newcomer = crypto.randomUUID();
    planted.push(newcomer);
    accounts.set(newcomer, '2026-05-01T10:00:00.000Z');
    const followed = await run<{ follow: unknown }>(FOLLOW, { id: newcomer }, viewerOf(me));
    expect(followed.errors).toBeUndefined();
    expect(followed.data?.follow).toEqual({ id: newcomer, followerCount: 1, viewerFollows: true });
    const { records } = await driver.executeQuery(
      'MATCH (u:User {id: $id}) RETURN toString(u.createdAt) AS createdAt',
      { id: newcomer },
    );
    expect(records.map((r) => Date.parse(r.get('createdAt')))).toEqual([
      Date.parse('2026-05-01T10:00:00.000Z'),
    ]);
    // Known now: identity is not asked again.
    const lookups = accountLookups.length;
    expect((await run(UNFOLLOW, { id: newcomer }, viewerOf(me))).errors).toBeUndefined();
    expect(accountLookups.length).toBe(lookups);
  });

  it('is NOT_FOUND for an id identity has no account for, SERVICE_UNAVAILABLE when it is down', async () => {
    const [me = ''] = await plantUsers(1);
    const viewer = viewerOf(me);
    const stranger = crypto.randomUUID();
    const lookups = accountLookups.length;
    for (const mutation of [FOLLOW, UNFOLLOW]) {
      expect(problemOf(await run(mutation, { id: stranger }, viewer))).toEqual({
        code: 'NOT_FOUND',
        field: 'userId',
      });
    }
    expect(accountLookups.slice(lookups)).toEqual([stranger, stranger]);

    const newcomer = crypto.randomUUID();
    planted.push(newcomer);
    accounts.set(newcomer, '2026-05-01T10:00:00.000Z');
    identityDown = true;
    try {
      expect(problemOf(await run(FOLLOW, { id: newcomer }, viewer))).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        field: undefined,
      });
    } finally {
      identityDown = false;
    }
    expect(await outboxEventsOf(me)).toEqual([]);
    const { records } = await driver.executeQuery(
      'MATCH (u:User) WHERE u.id IN $ids RETURN count(u) AS n',
      { ids: [stranger, newcomer] },
    );
    expect(records[0]?.get('n').toNumber()).toBe(0);
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
