import { feedKeys } from '@flock/feed/timelines';
import { closeRedis, createRedis } from '@flock/redis';
import { pollFor, testLogger, testRedisTarget } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  errorOf,
  graphql,
  type Member,
  nonNull,
  registerMember,
  startTestStack,
  type TestStack,
} from './harness';

const THRESHOLD = 5;
let services: TestStack;
/** Every query the posts subgraph makes (Prisma model.operation). */
const postsQueries: string[] = [];
const redis = createRedis({ ...testRedisTarget(), logger: testLogger() });

beforeAll(async () => {
  await redis.connect();
  services = await startTestStack({
    network: true,
    feed: { fanoutThreshold: THRESHOLD },
    postsHooks: { onQuery: (model, operation) => postsQueries.push(`${model}.${operation}`) },
  });
}, 120_000);
afterAll(async () => {
  await services?.stop();
  await closeRedis(redis);
});

const homeKey = (userId: string) => feedKeys(services.feedPrefix ?? 'feed').home(userId);

async function member(): Promise<Member> {
  const user = await registerMember(services.gatewayUrl, { prefix: 'f' });
  // Ready once the graph knows the account and the feed made its home timeline.
  await pollFor(async () => (await redis.exists(homeKey(user.id))) === 1, {
    timeoutMs: 60_000,
    description: 'the home timeline',
  });
  await pollFor(
    async () =>
      !(
        await graphql(
          services.gatewayUrl,
          gql(`
            query FeedGraphNode($id: ID) { user(id: $id) { followerCount } }
          `),
          { id: user.id },
        )
      ).errors,
    { description: 'the graph node' },
  );
  return user;
}

const FOLLOW = gql(`
  mutation FeedFollow($id: ID!) { follow(userId: $id) { id } }
`);
const UNFOLLOW = gql(`
  mutation FeedUnfollow($id: ID!) { unfollow(userId: $id) { id } }
`);

async function follow(who: Member, whom: Member, op: 'follow' | 'unfollow' = 'follow') {
  const variables = { id: whom.id };
  const r =
    op === 'follow'
      ? await graphql(services.gatewayUrl, FOLLOW, variables, { token: who.token })
      : await graphql(services.gatewayUrl, UNFOLLOW, variables, { token: who.token });
  expect(r.errors).toBeUndefined();
}

async function post(author: Member, body: string): Promise<string> {
  const r = await graphql(
    services.gatewayUrl,
    gql(`
      mutation FeedCreatePost($b: String!) { createPost(body: $b) { id } }
    `),
    { b: body },
    { token: author.token },
  );
  expect(r.errors).toBeUndefined();
  return dataOf(r).createPost.id;
}

const HOME = gql(`
  query FeedHome($first: Int, $after: String) { homeFeed(first: $first, after: $after) {
    edges { cursor node { id body author { username } } } pageInfo { hasNextPage endCursor }
  } }
`);

async function home(viewer: Member, first = 20, after?: string | null) {
  const r = await graphql(services.gatewayUrl, HOME, { first, after }, { token: viewer.token });
  expect(r.errors).toBeUndefined();
  return nonNull(dataOf(r).homeFeed, 'homeFeed');
}

/** An entry's post; these tests read no page while one of its posts is being deleted. */
function postOf<T>(edge: { node: T | null }): T {
  if (edge.node === null) throw new Error('a timeline entry without its post');
  return edge.node;
}

const ids = async (viewer: Member) => (await home(viewer, 100)).edges.map((e) => postOf(e).id);

describe('home timelines through the gateway', () => {
  it('shows a followed author’s post, drops it on unfollow, removes it on delete, backfills on follow', async () => {
    const a = await member();
    const b = await member();
    const early = await post(b, 'posted before the follow');
    await follow(a, b);
    // Follow backfills B's earlier post.
    await pollFor(async () => (await ids(a)).includes(early), {
      description: 'the backfilled post',
    });

    const fresh = await post(b, 'hello followers');
    const feed = await pollFor(
      async () => {
        const page = await home(a);
        return page.edges.some((e) => postOf(e).id === fresh) && page;
      },
      { description: 'the new post in the home feed' },
    );
    expect(feed.edges[0]?.node).toEqual({
      id: fresh,
      body: 'hello followers',
      author: { username: b.username },
    });
    // The author sees their own post at home too.
    await pollFor(async () => (await ids(b)).includes(fresh), {
      description: "the post in the author's home",
    });

    await follow(a, b, 'unfollow');
    await pollFor(async () => !(await ids(a)).some((id) => id === fresh || id === early), {
      description: 'the posts gone after unfollow',
    });

    await follow(a, b);
    await pollFor(async () => (await ids(a)).includes(fresh), {
      description: 'the post back after a new follow',
    });
    const r = await graphql(
      services.gatewayUrl,
      gql(`
        mutation FeedDeletePost($id: ID!) { deletePost(id: $id) }
      `),
      { id: fresh },
      { token: b.token },
    );
    expect(r.errors).toBeUndefined();
    await pollFor(async () => !(await ids(a)).includes(fresh) && !(await ids(b)).includes(fresh), {
      description: 'the deleted post gone from every timeline',
    });
    const profile = await graphql(
      services.gatewayUrl,
      gql(`
        query FeedProfileTimeline($id: ID) { user(id: $id) { timeline { edges { node { id } } } } }
      `),
      { id: b.id },
    );
    expect(profile.data?.user?.timeline?.edges.map((e) => postOf(e).id)).toEqual([early]);
  });

  it('merges the posts of an author above the fan-out threshold at read time (hybrid)', async () => {
    const star = await member();
    const viewer = await member();
    const others = await Promise.all(Array.from({ length: THRESHOLD }, () => member()));
    for (const fan of [viewer, ...others]) await follow(fan, star);
    await pollFor(
      async () =>
        (await redis.sCard(`${services.feedPrefix}:{u:${star.id}}:followers`)) === THRESHOLD + 1,
      { description: 'the feed to know all followers' },
    );
    const postId = await post(star, 'too famous to fan out');
    await pollFor(
      async () =>
        (await redis.zScore(
          `${services.feedPrefix}:{u:${star.id}}:posts`,
          `${postId}:${star.id}`,
        )) !== null,
      { description: 'the post in the author’s recent posts' },
    );
    // Not written to the follower's timeline...
    const stored = await redis.zRange(homeKey(viewer.id), 0, -1);
    expect(stored.some((m) => m.startsWith(postId))).toBe(false);
    // ...yet shown, merged at read time.
    expect(await ids(viewer)).toContain(postId);
  });

  it('regenerates an expired timeline on read, and writes nothing to it while inactive', async () => {
    const reader = await member();
    const author = await member();
    const before = await post(author, 'before inactivity');
    await follow(reader, author);
    await pollFor(async () => (await ids(reader)).includes(before), {
      description: 'the post at home',
    });

    await redis.del(homeKey(reader.id)); // what the TTL does after 30 unread days
    const during = await post(author, 'while the reader was away');
    await pollFor(
      async () =>
        (await redis.zScore(
          `${services.feedPrefix}:{u:${author.id}}:posts`,
          `${during}:${author.id}`,
        )) !== null,
      { description: 'the worker to process the post' },
    );
    expect(await redis.exists(homeKey(reader.id))).toBe(0); // inactive: nothing written

    expect((await ids(reader)).slice(0, 2)).toEqual([during, before]); // regenerated on read
    expect(await redis.exists(homeKey(reader.id))).toBe(1);
    expect(await redis.ttl(homeKey(reader.id))).toBeGreaterThan(29 * 86_400);
  });

  it('pages without duplicates or gaps while new posts arrive', async () => {
    const reader = await member();
    const author = await member();
    await follow(reader, author);
    const posted: string[] = [];
    for (let i = 0; i < 12; i++) posted.push(await post(author, `post ${i}`));
    await pollFor(async () => (await ids(reader)).length === 12, {
      description: 'twelve posts at home',
    });

    const seen: string[] = [];
    let page = await home(reader, 5);
    seen.push(...page.edges.map((e) => postOf(e).id));
    const newcomer = await post(author, 'arrives mid-pagination');
    await pollFor(async () => (await ids(reader)).includes(newcomer), {
      description: 'the newcomer',
    });
    while (page.pageInfo.hasNextPage) {
      page = await home(reader, 5, page.pageInfo.endCursor);
      seen.push(...page.edges.map((e) => postOf(e).id));
    }
    expect(seen).toEqual([...posted].reverse());
  });

  it('rejects bad requests', async () => {
    const anonymous = await graphql(
      services.gatewayUrl,
      gql(`
        query FeedAnonymousHome { homeFeed { edges { cursor } } }
      `),
    );
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const viewer = await member();
    const badCursor = await graphql(
      services.gatewayUrl,
      gql(`
        query FeedBadCursor { homeFeed(after: "nope") { edges { cursor } } }
      `),
      {},
      { token: viewer.token },
    );
    expect(errorOf(badCursor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const tooMany = await graphql(
      services.gatewayUrl,
      gql(`
        query FeedTooMany { homeFeed(first: 101) { edges { cursor } } }
      `),
      {},
      { token: viewer.token },
    );
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'homeFeed.first' });
  });
});

describe("the gateway's entity cache on home pages", () => {
  const LIKES = gql(`
    query FeedLikes { homeFeed(first: 5) { edges { node { id viewerHasLiked likeCount } } } }
  `);
  const likesOf = async (viewer: Member) => {
    const r = await graphql(services.gatewayUrl, LIKES, {}, { token: viewer.token });
    expect(r.errors).toBeUndefined();
    return nonNull(dataOf(r).homeFeed, 'homeFeed').edges.map(postOf);
  };

  it('reads bodies and authors of a page it has just served without calling posts again', async () => {
    const reader = await member();
    const author = await member();
    await follow(reader, author);
    const posted = [await post(author, 'one'), await post(author, 'two')];
    const first = await pollFor(
      async () => {
        const page = await home(reader);
        return posted.every((id) => page.edges.some((e) => postOf(e).id === id)) && page;
      },
      { description: 'both posts at home' },
    );
    postsQueries.length = 0;
    const again = await home(reader);
    expect(again).toEqual(first);
    expect(postsQueries).toEqual([]);
  });

  it("keeps each viewer's private fields to that viewer", async () => {
    const liker = await member();
    const other = await member();
    const author = await member();
    await follow(liker, author);
    await follow(other, author);
    const id = await post(author, 'like me');
    for (const viewer of [liker, other]) {
      await pollFor(async () => (await likesOf(viewer)).some((n) => n.id === id), {
        description: 'the post at home',
      });
    }
    const like = await graphql(
      services.gatewayUrl,
      gql(`
        mutation FeedLikePost($id: ID!) { likePost(id: $id) { id } }
      `),
      { id },
      { token: liker.token },
    );
    expect(like.errors).toBeUndefined();
    // The liker's own cached "false" lasts at most its max-age (5 s).
    await pollFor(
      async () => (await likesOf(liker)).find((n) => n.id === id)?.viewerHasLiked === true,
      { description: "the liker's like", timeoutMs: 15_000 },
    );
    const seenByOther = (await likesOf(other)).find((n) => n.id === id);
    expect(seenByOther?.viewerHasLiked).toBe(false);
  });
});
