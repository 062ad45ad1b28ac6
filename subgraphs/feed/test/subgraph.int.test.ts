import type { Viewer } from '@flock/auth';
import { closeRedis, createRedis, deleteKeys } from '@flock/redis';
import { runSteps, ServiceResources } from '@flock/service';
import {
  executeOperation,
  type OperationResult,
  testLogger,
  testRedisTarget,
  uniqueId,
} from '@flock/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedContext } from '../src/context';
import { defaultTimelineSettings } from '../src/domain/settings';
import type { FeedRedis } from '../src/domain/timeline-store';
import { createTimelines } from '../src/domain/timelines';
import { startFeedServer } from '../src/server';

// The subgraph on its own, as the gateway calls it: operations through its Apollo Server, on a
// key prefix of its own in the real Redis, written by the projection as the worker would.
const logger = testLogger();
const redis: FeedRedis = createRedis({
  ...testRedisTarget(),
  logger,
});
const timelines = createTimelines(redis, {
  ...defaultTimelineSettings,
  prefix: uniqueId('feedsubgraph').replace('_', ''),
});
const { projection, reader } = timelines;
const resources = new ServiceResources();
let apollo: Awaited<ReturnType<typeof startFeedServer>>['apollo'];

beforeAll(async () => {
  await redis.connect();
  ({ apollo } = await startFeedServer(resources, {
    reader,
    logger,
    verifyAccessToken: async () => null,
  }));
});

afterAll(async () => {
  await runSteps(resources.steps(), logger);
  await deleteKeys(redis, timelines.keys.pattern);
  await closeRedis(redis);
});

type Result<T> = OperationResult<T>;

/** Runs an operation as the gateway would send it, for `viewer` (null: signed out). */
async function run<T>(
  query: string,
  variables: Record<string, unknown> = {},
  viewer: Viewer | null = null,
): Promise<Result<T>> {
  return executeOperation(
    apollo,
    query,
    variables,
    createFeedContext(reader, viewer, uniqueId('correlation')),
  );
}

function problemOf(result: Result<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field };
}

interface FeedConnection {
  edges: { cursor: string; node: { __typename: string; id: string } | null }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE = `edges { cursor node { __typename id } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

const TIMELINE = `query($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    __typename
    ... on User { id timeline(first: $first, after: $after) { ${PAGE} } }
  }
}`;

const HOME = `query($first: Int, $after: String) { homeFeed(first: $first, after: $after) { ${PAGE} } }`;

let clock = Date.parse('2026-03-01T00:00:00Z');
/** Event times that only move forward. */
function tick(ms: number): number {
  clock += ms;
  return clock;
}
function post(authorId: string, replyToId: string | null = null) {
  return { postId: uuidv7(), authorId, replyToId, createdAt: new Date(tick(1000)).toISOString() };
}

async function timelineOf(userId: string, first?: number | null, after?: string) {
  const result = await run<{
    _entities: ({ __typename: string; id: string; timeline: FeedConnection } | null)[];
  }>(TIMELINE, { representations: [{ __typename: 'User', id: userId }], first, after });
  expect(result.errors).toBeUndefined();
  const [user] = result.data?._entities ?? [];
  expect(user).toMatchObject({ __typename: 'User', id: userId });
  return user?.timeline as FeedConnection;
}

const viewer = (): Viewer => ({ id: uuidv7(), sessionId: uuidv7() });

describe('User.timeline through _entities', () => {
  it('pages an author’s posts and replies newest first, as Post references', async () => {
    const author = uuidv7();
    await projection.userRegistered(author);
    const posts = [post(author), post(author, uuidv7()), post(author), post(author, uuidv7())];
    for (const p of posts) await projection.postCreated(p);
    const newest = posts.map((p) => p.postId).reverse();

    const first = await timelineOf(author, 3);
    expect(first.edges.map((e) => e.node)).toEqual(
      newest.slice(0, 3).map((id) => ({ __typename: 'Post', id })),
    );
    expect(first.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0]?.cursor,
      endCursor: first.edges[2]?.cursor,
    });

    const second = await timelineOf(author, 3, first.pageInfo.endCursor ?? undefined);
    expect(second.edges.map((e) => e.node?.id)).toEqual(newest.slice(3));
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('serves 20 by default, also when first is null, and an empty page for a stranger', async () => {
    const author = uuidv7();
    for (let i = 0; i < 25; i++) await projection.postCreated(post(author));
    expect((await timelineOf(author)).edges).toHaveLength(20);
    expect((await timelineOf(author, null)).edges).toHaveLength(20);
    const none = await timelineOf(uuidv7());
    expect(none).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('leaves a deleted post out', async () => {
    const author = uuidv7();
    const [kept, gone] = [post(author), post(author)];
    for (const p of [kept, gone]) await projection.postCreated(p);
    await projection.postDeleted({ postId: gone.postId, authorId: author });
    expect((await timelineOf(author)).edges.map((e) => e.node?.id)).toEqual([kept.postId]);
  });
});

describe('Query.homeFeed', () => {
  it('is the viewer’s own posts and those of the people they follow, newest first', async () => {
    const me = viewer();
    const [followed, stranger] = [uuidv7(), uuidv7()];
    for (const id of [me.id, followed, stranger]) await projection.userRegistered(id);
    await projection.followed({ followerId: me.id, followeeId: followed, at: tick(1) });
    const mine = post(me.id);
    const theirs = post(followed);
    const unrelated = post(stranger);
    for (const p of [mine, theirs, unrelated]) await projection.postCreated(p);

    const result = await run<{ homeFeed: FeedConnection }>(HOME, { first: 10 }, me);
    expect(result.errors).toBeUndefined();
    expect(result.data?.homeFeed.edges.map((e) => e.node?.id)).toEqual([
      theirs.postId,
      mine.postId,
    ]);
    expect(result.data?.homeFeed.pageInfo.hasNextPage).toBe(false);
  });

  it('needs a signed-in viewer', async () => {
    const result = await run(HOME);
    expect(problemOf(result).code).toBe('UNAUTHENTICATED');
    // homeFeed is nullable (a feed outage nulls only it): the field is null, not the data.
    expect(result.data).toEqual({ homeFeed: null });
  });

  it.each([
    ['a cursor it did not make', { after: 'nope' }, 'after'],
    [
      'a cursor of the wrong shape',
      { after: Buffer.from('["x",1]').toString('base64url') },
      'after',
    ],
    ['first above 100', { first: 101 }, 'homeFeed.first'],
    ['a negative first', { first: -1 }, 'homeFeed.first'],
    // The kit's page bounds start at 1 in every subgraph.
    ['first: 0', { first: 0 }, 'homeFeed.first'],
  ])('refuses %s as BAD_USER_INPUT naming the argument', async (_, variables, field) => {
    const result = await run(HOME, variables, viewer());
    expect(problemOf(result)).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});
