import { resolveLocalStack } from '@flock/env';
import { rebuildFeed } from '@flock/feed/rebuild';
import { createTimelines, defaultTimelineSettings } from '@flock/feed/timelines';
import { startNetwork } from '@flock/network/app';
import { loadNetworkEnv } from '@flock/network/env';
import { createRedis } from '@flock/redis';
import { type RunningService, runSteps } from '@flock/service';
import { pollFor, testLogger } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorOf,
  type GraphQLResponse,
  graphql,
  type Member,
  registerMember,
  startTestStack,
  type TestStack,
} from './harness';

// The follow graph as the feed keeps it must end equal to Neo4j's, and a user can be followed
// the moment registration returns. Operations are strings built here (aliases per request),
// typed by their callers.
const infra = resolveLocalStack(process.env);
const logger = testLogger();
const driver = neo4j.driver(infra.neo4jUri);
const redis = createRedis({ url: infra.redisUrl, logger });

beforeAll(() => redis.connect());
afterAll(async () => {
  await redis.quit();
  await driver.close();
});

type Op = 'follow' | 'unfollow';

/** One request making these changes of one pair, in this order (aliases a0, a1, ...). */
function changes(
  gatewayUrl: string,
  follower: Member,
  followeeId: string,
  ops: Op[],
): Promise<GraphQLResponse> {
  const fields = ops.map((op, i) => `a${i}: ${op}(userId: $id) { id }`).join(' ');
  return graphql(
    gatewayUrl,
    `mutation($id: ID!) { ${fields} }`,
    { id: followeeId },
    {
      token: follower.token,
    },
  );
}

const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id viewerFollows } }';

describe('following a user the moment registration returns', () => {
  // Identity and the gateway of the harness, and a network subgraph started here without the
  // network worker (no consumer makes graph nodes from registrations): the gateway replica
  // routes to it.
  let services: TestStack;
  let network: RunningService;
  let gatewayUrl: string;

  beforeAll(async () => {
    services = await startTestStack();
    network = await startNetwork(
      loadNetworkEnv({
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'silent',
        IDENTITY_JWKS_URL: services.identityUrl.replace(/\/graphql$/, '/.well-known/jwks.json'),
      }),
      logger.child({ service: 'network' }),
    );
    gatewayUrl = await services.gatewayReplica({ NETWORK_URL: `${network.url}/graphql` });
  }, 120_000);
  afterAll(async () => {
    if (network) await runSteps(network.steps, logger);
    await services?.stop();
  });

  it('succeeds in the next request, 20 times out of 20, with no worker making nodes', async () => {
    const follower = await registerMember(gatewayUrl, { prefix: 'fc' });
    for (let i = 0; i < 20; i++) {
      const them = await registerMember(gatewayUrl, { prefix: 'fc' });
      const followed = await graphql<{ follow: unknown }>(
        gatewayUrl,
        FOLLOW,
        { id: them.id },
        { token: follower.token },
      );
      expect(followed.errors, `follow #${i}`).toBeUndefined();
      expect(followed.data?.follow).toEqual({ id: them.id, viewerFollows: true });
    }
    const { records } = await driver.executeQuery(
      `MATCH (:User {id: $id})-[:FOLLOWS]->(u:User) RETURN count(u) AS n, count(u.createdAt) AS dated`,
      { id: follower.id },
    );
    // Each node made as the registration consumer makes it: with the account's creation time.
    expect(records[0]?.get('n').toNumber()).toBe(20);
    expect(records[0]?.get('dated').toNumber()).toBe(20);
  });

  it('is NOT_FOUND for a made-up user id', async () => {
    const follower = await registerMember(gatewayUrl, { prefix: 'fc' });
    const id = crypto.randomUUID();
    const followed = await graphql(gatewayUrl, FOLLOW, { id }, { token: follower.token });
    expect(errorOf(followed)).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    const { records } = await driver.executeQuery('RETURN EXISTS { (:User {id: $id}) } AS exists', {
      id,
    });
    expect(records[0]?.get('exists')).toBe(false);
  });
});

describe('the feed’s follow graph and Neo4j’s', () => {
  let services: TestStack;

  beforeAll(async () => {
    // The test is about outcomes, not latency: up to 16 changes of one follower queue on its
    // lock at once, and a loaded machine must not fail them on the 4 s bounds of the gateway
    // and of network's transactions (the harness's services read process.env).
    process.env.NEO4J_TRANSACTION_TIMEOUT_MS = '30000';
    services = await startTestStack({
      network: true,
      feed: {},
      gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '30000' },
    });
  }, 120_000);
  afterAll(async () => {
    await services?.stop();
  });

  it('registration then follow at once succeeds with the worker running too', async () => {
    const follower = await registerMember(services.gatewayUrl, { prefix: 'fc' });
    const registered = await Promise.all(
      Array.from({ length: 20 }, () => registerMember(services.gatewayUrl, { prefix: 'fc' })),
    );
    const results = await Promise.all(
      registered.map((them) =>
        graphql(services.gatewayUrl, FOLLOW, { id: them.id }, { token: follower.token }),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
  });

  it('end equal for every interleaving of follows and unfollows, and after a rebuild', async () => {
    const url = services.gatewayUrl;
    const prefix = services.feedPrefix as string;
    // 6 followers × 4 followees: 24 pairs, each follower's changes to its 4 pairs concurrent.
    const people = await Promise.all(
      Array.from({ length: 10 }, () => registerMember(url, { prefix: 'fc' })),
    );
    const followers = people.slice(0, 6);
    const followees = people.slice(6);
    const pairs = followers.flatMap((follower) =>
      followees.map((followee) => ({ follower, followee })),
    );

    const expectNoErrors = (responses: GraphQLResponse[]) =>
      expect(responses.flatMap((r) => r.errors ?? [])).toEqual([]);
    await Promise.all(
      pairs.map(async ({ follower, followee }, i) => {
        const change = (ops: Op[]) => changes(url, follower, followee.id, ops);
        // Both orders in one request.
        expectNoErrors([await change(['follow', 'unfollow'])]);
        expectNoErrors([await change(['unfollow', 'follow'])]);
        // Concurrent requests (separate connections), each of which may commit in any order.
        const burst: Op[][] =
          i % 2 === 0
            ? [['unfollow'], ['follow'], ['unfollow', 'follow'], ['follow', 'unfollow']]
            : [['follow'], ['follow', 'unfollow'], ['unfollow'], ['unfollow', 'follow']];
        expectNoErrors(await Promise.all(burst.map(change)));
        if (i % 3 === 0) expectNoErrors([await change(['follow', 'unfollow'])]);
        if (i % 3 === 1) expectNoErrors([await change(['unfollow', 'follow'])]);
      }),
    );

    const graph = await neo4jFollows(pairs);
    // The feed has applied each pair's latest change: its clock is that change's.
    const latest = await latestClocks(pairs);
    await pollFor(
      async () => {
        for (const { follower, followee } of pairs) {
          const clock = await redis.hGet(
            `${prefix}:{u:${follower.id}}:following-clock`,
            followee.id,
          );
          if (Number(clock) !== latest.get(`${follower.id}>${followee.id}`)) return false;
        }
        return true;
      },
      { timeoutMs: 60_000, description: 'the feed worker to apply every change' },
    );
    expect(await feedFollows(prefix, pairs)).toEqual(graph);
    // Some pairs end following, some not (the test is not about one outcome).
    expect(new Set(Object.values(graph).map((f) => f.following)).size).toBe(2);

    // A rebuild (empty the stack's keys, replay every topic from the start) ends the same.
    await rebuildFeed({
      redis,
      timelines: createTimelines(redis, { ...defaultTimelineSettings, prefix }),
      brokers: [infra.kafkaBroker],
      logger,
    });
    expect(await feedFollows(prefix, pairs)).toEqual(graph);
  }, 240_000);
});

interface Pair {
  follower: Member;
  followee: Member;
}

/** Each pair: whether the follower follows the followee, and is among their followers. */
type Follows = Record<string, { following: boolean; follower: boolean }>;

const keyOf = ({ follower, followee }: Pair) => `${follower.id}>${followee.id}`;

async function neo4jFollows(pairs: Pair[]): Promise<Follows> {
  const { records } = await driver.executeQuery(
    `UNWIND $pairs AS pair
     RETURN pair[0] + '>' + pair[1] AS pair,
            EXISTS { (:User {id: pair[0]})-[:FOLLOWS]->(:User {id: pair[1]}) } AS follows`,
    { pairs: pairs.map((p) => [p.follower.id, p.followee.id]) },
  );
  return Object.fromEntries(
    records.map((r) => [
      r.get('pair'),
      { following: r.get('follows'), follower: r.get('follows') },
    ]),
  );
}

async function feedFollows(prefix: string, pairs: Pair[]): Promise<Follows> {
  const result: Follows = {};
  for (const pair of pairs) {
    const { follower, followee } = pair;
    result[keyOf(pair)] = {
      following: Boolean(
        await redis.sIsMember(`${prefix}:{u:${follower.id}}:following`, followee.id),
      ),
      follower: Boolean(
        await redis.sIsMember(`${prefix}:{u:${followee.id}}:followers`, follower.id),
      ),
    };
  }
  return result;
}

/**
 * The clock of each pair's latest follow event, as the feed reads it (its sequence, or its
 * time for an event without one), from the events network wrote to its outbox.
 */
async function latestClocks(pairs: Pair[]): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  const { records } = await driver.executeQuery(
    `MATCH (e:OutboxEvent) WHERE any(id IN $ids WHERE e.envelope CONTAINS id) RETURN e.envelope AS envelope`,
    { ids: [...new Set(pairs.map((p) => p.follower.id))] },
  );
  for (const record of records) {
    const { payload } = JSON.parse(record.get('envelope')) as {
      payload: {
        followerId: string;
        followeeId: string;
        sequence?: number;
        followedAt?: string;
        unfollowedAt?: string;
      };
    };
    const clock = payload.sequence ?? Date.parse(payload.followedAt ?? payload.unfollowedAt ?? '');
    const key = `${payload.followerId}>${payload.followeeId}`;
    latest.set(key, Math.max(latest.get(key) ?? 0, clock));
  }
  return latest;
}
