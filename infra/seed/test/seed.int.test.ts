import { randomBytes } from 'node:crypto';
import { databaseUrlFor } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { dataOf, graphql, startTestStack, type TestStack } from '@flock/gateway/test-harness';
import { loadIdentityEnv } from '@flock/identity/env';
import { loadNetworkEnv } from '@flock/network/env';
import { loadPostsEnv } from '@flock/posts/env';
import { pollFor, testLogger } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoNetwork, generateDemoNetwork } from '../generate';
import { type SeedReport, seedDemo } from '../seed';
import { type DemoServices, openDemoServices } from '../services';
import { homeFeed, signIn } from '../stack';

// A small demo network seeded into a stack of the test's own (gateway, identity, network and
// its worker, posts, feed and its worker, on the <service>_test databases and a feed key prefix
// of their own), through the same code as `npm run seed:demo`, then looked at through the
// gateway as a client would. Usernames carry a unique prefix: the test databases outlive runs.
const USERS = 40;
const prefix = `s${randomBytes(3).toString('hex')}_`;
// No welcome emails: a running `npm start` stack's mailer reads the same registration topic.
const network: DemoNetwork = generateDemoNetwork({
  users: USERS,
  usernamePrefix: prefix,
  mailSignIns: false,
});
// The test stack's databases (<prefix><service>_test, see the gateway's test harness).
const { postgresUrl: postgres, postgresDbPrefix: dbPrefix } = resolveLocalStack(process.env);

let stack: TestStack;
let services: DemoServices;
let first: SeedReport;

beforeAll(async () => {
  stack = await startTestStack({ network: true, feed: {} });
  services = await openDemoServices({
    identity: loadIdentityEnv({
      ...process.env,
      DATABASE_URL: databaseUrlFor(postgres, 'identity_test', dbPrefix),
    }),
    posts: loadPostsEnv({
      ...process.env,
      DATABASE_URL: databaseUrlFor(postgres, 'posts_test', dbPrefix),
    }),
    network: loadNetworkEnv({ ...process.env, IDENTITY_SUBGRAPH_URL: stack.identityUrl }),
    logger: testLogger('seed'),
  });
  first = await seedDemo(services, network);
}, 120_000);

afterAll(async () => {
  await services?.close();
  await stack?.stop();
});

interface Observed {
  id: string;
  displayName: string | null;
  bio: string | null;
  createdAt: string;
  followerCount: number | null;
  followingCount: number | null;
  posts: { edges: { node: { id: string; likeCount: number } }[] };
}

/** Every demo user as the gateway shows them: profile, counts, posts and their likes. */
async function observe(): Promise<Map<string, Observed>> {
  const users = await Promise.all(
    network.users.map(async (user) => {
      const data = dataOf(
        await graphql<{ user: Observed | null }>(
          stack.gatewayUrl,
          `query SeedObserve($username: String!) {
            user(username: $username) {
              id displayName bio createdAt followerCount followingCount
              posts(first: 100) { edges { node { id likeCount } } }
            }
          }`,
          { username: user.username },
        ),
      );
      if (!data.user) throw new Error(`${user.username} is not there`);
      return [user.username, data.user] as const;
    }),
  );
  return new Map(users);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

describe('seeding the demo network', () => {
  it('creates every planned user, follow, post and like through the services', () => {
    expect(first.users).toMatchObject({ planned: USERS, created: USERS, existing: 0, skipped: 0 });
    for (const phase of [first.follows, first.posts, first.likes]) {
      expect(phase.created).toBe(phase.planned);
      expect(phase.existing + phase.skipped).toBe(0);
    }
  });

  it('shows the users through the gateway, registered weeks ago, with a heavy-tailed graph', async () => {
    const observed = await observe();
    for (const user of network.users) {
      const seen = observed.get(user.username);
      expect(seen).toMatchObject({ displayName: user.displayName, bio: user.bio });
      const ageDays = (Date.now() - Date.parse(seen?.createdAt ?? '')) / 86_400_000;
      expect(ageDays).toBeCloseTo(user.registeredAgoMs / 86_400_000, 0);
    }
    const followers = [...observed.values()].map((u) => u.followerCount ?? 0);
    const most = Math.max(...followers);
    expect(most).toBeGreaterThanOrEqual(2.5 * median(followers));
    expect(followers.reduce((a, b) => a + b, 0)).toBe(network.follows.length);
  });

  it("fills a sign-in's home feed with posts of the people they follow, dated in the past", async () => {
    const alice = network.users[0];
    if (!alice?.signIn) throw new Error('the first user is a sign-in');
    const followed = new Set(
      network.follows.filter((f) => f.follower === alice.index).map((f) => f.followee),
    );
    const authors = new Set(
      network.users.filter((u) => followed.has(u.index) || u === alice).map((u) => u.username),
    );
    // The newest top-level post among them must come first once the feed worker has it all.
    const newest = network.posts
      .filter((p) => p.depth === 0 && (followed.has(p.author) || p.author === alice.index))
      .sort((a, b) => a.agoMs - b.agoMs)[0];
    // Through the gateway with the printed password, as a person trying the demo would.
    const session = await signIn(stack.gatewayUrl, alice.username, DEMO_PASSWORD);
    const items = await pollFor(
      async () => {
        const page = await homeFeed(stack.gatewayUrl, session, 20);
        return page[0]?.id === first.postIds.get(newest?.key ?? '') && page;
      },
      { timeoutMs: 45_000, intervalMs: 500, description: "alice's home feed to fill" },
    );
    expect(items.length).toBeGreaterThanOrEqual(10);
    for (const item of items) {
      expect(authors).toContain(item.author?.username);
      expect(Date.parse(item.createdAt)).toBeLessThan(Date.now() - 60_000);
    }
    // Newest first, spread over days rather than all created "now".
    const times = items.map((i) => Date.parse(i.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((times[0] ?? 0) - (times.at(-1) ?? 0)).toBeGreaterThan(86_400_000);
  });

  it('adds nothing when run again', async () => {
    const before = await observe();
    const again = await seedDemo(services, network);
    expect(again.users).toMatchObject({ created: 0, existing: USERS, skipped: 0 });
    for (const phase of [again.follows, again.posts, again.likes]) {
      expect(phase).toMatchObject({ created: 0, existing: phase.planned, skipped: 0 });
    }
    expect(await observe()).toEqual(before);
  });
});
