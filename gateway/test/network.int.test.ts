import { resolveLocalStack } from '@flock/env';
import {
  createKafka,
  type Envelope,
  on,
  type RunningConsumer,
  startConsumer,
  userFollowed,
  userUnfollowed,
} from '@flock/events';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  devAccessToken,
  errorOf,
  type GraphQLResponse,
  graphql,
  type Member,
  registerMember,
  startTestStack,
  type TestStack,
} from './harness';

const stack = resolveLocalStack(process.env);
const driver = neo4j.driver(stack.neo4jUri);
let services: TestStack;
const consumers: RunningConsumer[] = [];

beforeAll(async () => {
  services = await startTestStack({ network: true });
});
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await services?.stop();
  await driver.close();
});

/** A real account (through the gateway), once its node exists in the graph. */
async function member(displayName?: string): Promise<Member> {
  const joined = await registerMember(services.gatewayUrl, { prefix: 'n', displayName });
  const { id, username } = joined;
  await pollFor(
    async () =>
      (await driver.executeQuery('MATCH (u:User {id: $id}) RETURN u', { id })).records.length === 1,
    { description: `the graph node of ${username}` },
  );
  return joined;
}

const FOLLOW = gql(`
  mutation NetworkFollow($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }
`);
const UNFOLLOW = gql(`
  mutation NetworkUnfollow($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }
`);

/*
 * The operations sent to the network subgraph itself (not through the gateway) are strings
 * typed here: typed documents are checked against the gateway's API (schema/api.graphql),
 * which has no _entities and is not the schema these tests inspect.
 */

/** A page of a user's followers through _entities. */
interface FollowersPage {
  _entities: {
    followersConnection: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string } }[];
    };
  }[];
}

interface Suggestions {
  suggestedFollows: { id: string }[];
}

/** The subgraph's root fields, by introspection. */
interface RootFields {
  __schema: {
    queryType: { fields: { name: string }[] };
    mutationType: { fields: { name: string }[] } | null;
    subscriptionType: { name: string } | null;
  };
}

/** Graph-only users for structural tests (no identity account needed). */
async function plantUsers(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await driver.executeQuery('UNWIND $ids AS id CREATE (:User {id: id})', { ids });
  return ids;
}

describe('the follow graph through the gateway', () => {
  it('joins identity and network fields in one profile query, with viewerFollows for the viewer', async () => {
    const star = await member('Star');
    const fan = await member();
    const other = await member();
    for (const follower of [fan, other]) {
      const r = await graphql(
        services.gatewayUrl,
        FOLLOW,
        { id: star.id },
        { token: follower.token },
      );
      expect(r.errors).toBeUndefined();
    }
    const profile = await graphql(
      services.gatewayUrl,
      gql(`
        query NetworkProfile($u: String) { user(username: $u) {
          username displayName followerCount followingCount viewerFollows followsViewer
          followersConnection(first: 10, sort: [{ edge: { createdAt: DESC } }]) {
            totalCount edges { node { username } properties { createdAt } }
          }
        } }
      `),
      { u: star.username },
      { token: fan.token },
    );
    expect(profile.errors).toBeUndefined();
    const user = profile.data?.user;
    expect(user).toMatchObject({
      username: star.username,
      displayName: 'Star',
      followerCount: 2,
      followingCount: 0,
      viewerFollows: true,
      followsViewer: false,
    });
    // Newest first: `other` followed last.
    expect(user?.followersConnection.edges.map((e) => e.node.username)).toEqual([
      other.username,
      fan.username,
    ]);

    const anonymous = await graphql(
      services.gatewayUrl,
      gql(`
        query NetworkViewerFollows($u: String) { user(username: $u) { viewerFollows } }
      `),
      { u: star.username },
    );
    expect(anonymous.data?.user?.viewerFollows).toBe(false);
  });

  it('follows and unfollows idempotently, with one event per real change', async () => {
    const a = await member();
    const b = await member();
    const c = await member();
    const events: Envelope<unknown>[] = [];
    /** Events of a later follow and unfollow by `a`: same key, so after any of a→b's. */
    const barrier: string[] = [];
    const consumer = await startConsumer({
      kafka: createKafka({
        clientId: 'network-test',
        brokers: [stack.kafkaBroker],
        logger: testLogger(),
      }),
      groupId: uniqueId('network-events'),
      logger: testLogger(),
      subscriptions: [
        on(userFollowed, async (event) => {
          if (event.payload.followerId !== a.id) return;
          if (event.payload.followeeId === b.id) events.push(event);
          else barrier.push(event.type);
        }),
        on(userUnfollowed, async (event) => {
          if (event.payload.followerId !== a.id) return;
          if (event.payload.followeeId === b.id) events.push(event);
          else barrier.push(event.type);
        }),
      ],
    });
    consumers.push(consumer);
    await pollFor(() => consumer.isReady(), { description: 'the consumer to join' });

    for (let i = 0; i < 2; i++) {
      const r = await graphql(services.gatewayUrl, FOLLOW, { id: b.id }, { token: a.token });
      expect(r.data?.follow).toEqual({ id: b.id, followerCount: 1, viewerFollows: true });
    }
    // Concurrent follows of the same pair still make one relationship.
    await Promise.all(
      [1, 2, 3].map(() => graphql(services.gatewayUrl, FOLLOW, { id: b.id }, { token: a.token })),
    );
    const rels = await driver.executeQuery(
      'MATCH (:User {id: $a})-[f:FOLLOWS]->(:User {id: $b}) RETURN count(f) AS n',
      {
        a: a.id,
        b: b.id,
      },
    );
    expect(rels.records[0]?.get('n').toNumber()).toBe(1);

    for (let i = 0; i < 2; i++) {
      const r = await graphql(services.gatewayUrl, UNFOLLOW, { id: b.id }, { token: a.token });
      expect(r.data?.unfollow).toEqual({ id: b.id, followerCount: 0, viewerFollows: false });
    }

    // a's events are keyed by a: each topic's partition holds them in order, so once a's
    // later follow and unfollow of c have arrived, any extra a→b event would have too.
    await graphql(services.gatewayUrl, FOLLOW, { id: c.id }, { token: a.token });
    await graphql(services.gatewayUrl, UNFOLLOW, { id: c.id }, { token: a.token });
    await pollFor(() => barrier.length === 2, { description: 'the barrier events' });
    expect(events.map((e) => e.type)).toEqual([
      'network.user-followed.v1',
      'network.user-unfollowed.v1',
    ]);
    expect(events[0]?.payload).toMatchObject({ followerId: a.id, followeeId: b.id });
  });

  it('rejects bad follows with coded errors naming the field', async () => {
    const me = await member();
    const self = await graphql(services.gatewayUrl, FOLLOW, { id: me.id }, { token: me.token });
    expect(errorOf(self)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const unknown = await graphql(
      services.gatewayUrl,
      FOLLOW,
      { id: crypto.randomUUID() },
      { token: me.token },
    );
    expect(errorOf(unknown)).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    const malformed = await graphql(
      services.gatewayUrl,
      UNFOLLOW,
      { id: 'robert); DROP' },
      { token: me.token },
    );
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const anonymous = await graphql(services.gatewayUrl, FOLLOW, { id: me.id });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const anonymousSuggestions = await graphql(
      services.gatewayUrl,
      gql(`
        query NetworkAnonymousSuggestions { suggestedFollows { id } }
      `),
    );
    expect(errorOf(anonymousSuggestions).code).toBe('UNAUTHENTICATED');
    const tooMany = await graphql(
      services.gatewayUrl,
      gql(`
        query NetworkTooManyFollowers($id: ID) {
          user(id: $id) { followersConnection(first: 101) { totalCount } }
        }
      `),
      { id: me.id },
    );
    expect(errorOf(tooMany)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'followersConnection.first',
    });
  });
});

describe('the network subgraph', () => {
  it('pages followers newest first without gaps or duplicates', async () => {
    const [star = '', ...fans] = await plantUsers(26);
    await driver.executeQuery(
      `MATCH (star:User {id: $star})
       UNWIND range(0, size($fans) - 1) AS i
       MATCH (fan:User {id: $fans[i]})
       CREATE (fan)-[:FOLLOWS {createdAt: datetime('2026-01-01T00:00:00Z') + duration({seconds: i}),
         follower: fan.id, followee: star.id}]->(star)`,
      { star, fans },
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      // Annotated: `after` (a variable here) comes from the previous answer.
      const response: GraphQLResponse<FollowersPage> = await graphql(
        services.networkUrl ?? '',
        `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on User {
          followersConnection(first: 10, after: $after, sort: [{ edge: { createdAt: DESC } }]) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
          } } } }`,
        { reps: [{ __typename: 'User', id: star }], after },
      );
      expect(response.errors).toBeUndefined();
      const connection = dataOf(response)._entities[0]?.followersConnection;
      if (!connection) throw new Error('no User entity in the answer');
      expect(connection.totalCount).toBe(25);
      seen.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([...fans].reverse());
  });

  it('suggests friends of friends ranked by mutual follows, never the viewer or someone followed', async () => {
    const [me = '', a = '', b = '', c = '', x = '', y = '', z = ''] = await plantUsers(7);
    const follows: [string, string][] = [
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
    ];
    await driver.executeQuery(
      'UNWIND $follows AS pair MATCH (s:User {id: pair[0]}), (t:User {id: pair[1]}) CREATE (s)-[:FOLLOWS {createdAt: datetime(), follower: s.id, followee: t.id}]->(t)',
      { follows },
    );
    const response = await graphql<Suggestions>(
      services.networkUrl ?? '',
      '{ suggestedFollows(first: 10) { id } }',
      {},
      { token: await devAccessToken(me) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.suggestedFollows.map((u) => u.id)).toEqual([x, y, z]);
    const top = await graphql<Suggestions>(
      services.networkUrl ?? '',
      '{ suggestedFollows(first: 1) { id } }',
      {},
      { token: await devAccessToken(me) },
    );
    expect(top.data?.suggestedFollows.map((u) => u.id)).toEqual([x]);
  });

  it('exposes no generated query or mutation that could write or list arbitrary nodes', async () => {
    const response = await graphql<RootFields>(
      services.networkUrl ?? '',
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { name } } }',
    );
    const schema = dataOf(response).__schema;
    expect(schema.mutationType?.fields.map((f) => f.name).sort()).toEqual(['follow', 'unfollow']);
    expect(schema.queryType.fields.map((f) => f.name).sort()).toEqual([
      '_entities',
      '_service',
      'suggestedFollows',
    ]);
    expect(schema.subscriptionType).toBeNull();
    for (const mutation of [
      'mutation { createUsers(input: [{ id: "x" }]) { users { id } } }',
      'mutation { deleteUsers { nodesDeleted } }',
      'mutation { updateUsers(update: { id_SET: "y" }) { users { id } } }',
    ]) {
      const attempt = await graphql(
        services.networkUrl ?? '',
        mutation,
        {},
        { token: await devAccessToken(crypto.randomUUID()) },
      );
      expect(errorOf(attempt).code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});
