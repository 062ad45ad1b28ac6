import type { Viewer } from '@flock/auth';
import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { INVALIDATION_EXTENSION } from '@flock/graphql';
import { runSteps, ServiceResources } from '@flock/service';
import { executeOperation, type OperationResult, testLogger, uniqueId } from '@flock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { Posts } from '../src/domain/posts';
import { PrismaClient } from '../src/generated/prisma/client';
import { startPostsServer } from '../src/server';

// The subgraph on its own, as the gateway calls it: operations through its Apollo Server, on a
// database of its own (no relay publishes the events these posts write to the outbox).
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('posts_subgraph_test');
const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
const logger = testLogger();
const resources = new ServiceResources();
let prisma: PrismaClient;
let posts: Posts;
let apollo: Awaited<ReturnType<typeof startPostsServer>>['apollo'];

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/posts/migrations', import.meta.url).pathname,
  });
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  posts = new Posts({ prisma });
  ({ apollo } = await startPostsServer(resources, {
    posts,
    logger,
    verifyAccessToken: async () => null,
  }));
});

afterAll(async () => {
  await runSteps(resources.steps(), logger);
  await prisma?.$disconnect();
  const admin = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') }),
  });
  await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.$disconnect();
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
    createContext(posts, viewer, uniqueId('correlation')),
  );
}

function member(): Viewer {
  return { id: uuidv7(), sessionId: uuidv7() };
}

function problemOf(result: Result<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field };
}

interface PostNode {
  id: string;
  body: string;
}

async function createPost(author: Viewer, body: string, replyToId?: string): Promise<string> {
  const result = await run<{ createPost: PostNode }>(
    'mutation($body: String!, $replyToId: ID) { createPost(body: $body, replyToId: $replyToId) { id body } }',
    { body, replyToId },
    author,
  );
  expect(result.errors).toBeUndefined();
  const id = result.data?.createPost.id;
  if (!id) throw new Error('no post created');
  return id;
}

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Post {
      id body author { id } replyTo { id } replyCount likeCount viewerHasLiked editedAt
    }
  }
}`;

interface PostEntity {
  __typename: 'Post';
  id: string;
  body: string;
  author: { id: string };
  replyTo: { id: string } | null;
  replyCount: number;
  likeCount: number;
  viewerHasLiked: boolean;
  editedAt: string | null;
}

const USER_POSTS = `query($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on User {
      id
      posts(first: $first, after: $after) {
        edges { cursor node { id body } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
}`;

interface PostConnection {
  edges: { cursor: string; node: PostNode }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

describe('the posts subgraph', () => {
  it('resolves Post entities in the order asked: null for deleted, missing and malformed ids', async () => {
    const ada = member();
    const bob = member();
    const postId = await createPost(ada, 'Hello, Flock!');
    const replyId = await createPost(bob, 'Welcome!', postId);
    const goneId = await createPost(ada, 'Soon gone');
    expect(
      (await run('mutation($id: ID!) { deletePost(id: $id) }', { id: goneId }, ada)).errors,
    ).toBeUndefined();
    expect(
      (await run('mutation($id: ID!) { likePost(id: $id) { id } }', { id: postId }, bob)).errors,
    ).toBeUndefined();

    const representations = [replyId, goneId, postId, uuidv7(), 'not-a-uuid'].map((id) => ({
      __typename: 'Post',
      id,
    }));
    const result = await run<{ _entities: (PostEntity | null)[] }>(
      ENTITIES,
      { representations },
      bob,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        __typename: 'Post',
        id: replyId,
        body: 'Welcome!',
        author: { id: bob.id },
        replyTo: { id: postId },
        replyCount: 0,
        likeCount: 0,
        viewerHasLiked: false,
        editedAt: null,
      },
      null,
      {
        __typename: 'Post',
        id: postId,
        body: 'Hello, Flock!',
        author: { id: ada.id },
        replyTo: null,
        replyCount: 1,
        likeCount: 1,
        viewerHasLiked: true,
        editedAt: null,
      },
      null,
      null,
    ]);
  });

  it('resolves User entities with their posts, newest first, page by page', async () => {
    const ada = member();
    const ids: string[] = [];
    for (const body of ['one', 'two', 'three']) ids.push(await createPost(ada, body));
    const representations = [{ __typename: 'User', id: ada.id }];

    const first = await run<{ _entities: { id: string; posts: PostConnection }[] }>(USER_POSTS, {
      representations,
      first: 2,
    });
    expect(first.errors).toBeUndefined();
    const page1 = first.data?._entities[0];
    expect(page1?.id).toBe(ada.id);
    expect(page1?.posts.edges.map((e) => e.node.body)).toEqual(['three', 'two']);
    expect(page1?.posts.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page1?.posts.pageInfo.startCursor).toBe(page1?.posts.edges[0]?.cursor);
    expect(page1?.posts.pageInfo.endCursor).toBe(page1?.posts.edges[1]?.cursor);

    const second = await run<{ _entities: { posts: PostConnection }[] }>(USER_POSTS, {
      representations,
      first: 2,
      after: page1?.posts.pageInfo.endCursor,
    });
    expect(second.errors).toBeUndefined();
    const page2 = second.data?._entities[0]?.posts;
    expect(page2?.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(page2?.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    // A user who never posted is still a User here, with no posts.
    const nobody = await run<{ _entities: { posts: PostConnection }[] }>(USER_POSTS, {
      representations: [{ __typename: 'User', id: uuidv7() }],
    });
    expect(nobody.data?._entities[0]?.posts).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('pages replies oldest first', async () => {
    const ada = member();
    const parent = await createPost(ada, 'parent');
    const replies: string[] = [];
    for (const body of ['r1', 'r2', 'r3']) replies.push(await createPost(member(), body, parent));
    const REPLIES =
      'query($id: ID!, $after: String) { post(id: $id) { replyCount replies(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }';
    type Replies = { post: { replyCount: number; replies: PostConnection } };

    const first = await run<Replies>(REPLIES, { id: parent });
    expect(first.data?.post.replyCount).toBe(3);
    expect(first.data?.post.replies.edges.map((e) => e.node.id)).toEqual(replies.slice(0, 2));
    const next = await run<Replies>(REPLIES, {
      id: parent,
      after: first.data?.post.replies.pageInfo.endCursor,
    });
    expect(next.data?.post.replies.edges.map((e) => e.node.id)).toEqual(replies.slice(2));
    expect(next.data?.post.replies.pageInfo.hasNextPage).toBe(false);
  });

  it('creates a post at a past time when the demo seeder asks: id, row and event agree', async () => {
    const ada = member();
    const newer = await createPost(ada, 'written now');
    const createdAt = new Date(Date.now() - 3 * 86_400_000);
    const post = await posts.create(ada, { body: 'written three days ago' }, 'corr-past', {
      createdAt,
    });

    expect(post.createdAt).toEqual(createdAt);
    // A UUIDv7 carries its time in its first 48 bits: the pagination key sorts with createdAt.
    expect(Number.parseInt(post.id.replace(/-/g, '').slice(0, 12), 16)).toBe(createdAt.getTime());
    const events = await prisma.outboxEvent.findMany({ where: { topic: 'posts.post-created.v1' } });
    const event = events.find(
      (e) => (e.envelope as { payload: { postId: string } }).payload.postId === post.id,
    );
    const payload = (event?.envelope as { payload: { createdAt: string } } | undefined)?.payload;
    expect(payload?.createdAt).toBe(createdAt.toISOString());
    const page = await run<{ _entities: { posts: PostConnection }[] }>(USER_POSTS, {
      representations: [{ __typename: 'User', id: ada.id }],
    });
    expect(page.data?._entities[0]?.posts.edges.map((e) => e.node.id)).toEqual([newer, post.id]);
  });

  it('edits, likes and deletes, and names the changed entity for the gateway cache', async () => {
    const ada = member();
    const bob = member();
    const id = await createPost(ada, 'draft');

    const update = await run<{ updatePost: { body: string; editedAt: string | null } }>(
      'mutation($id: ID!) { updatePost(id: $id, body: "  final  ") { body editedAt } }',
      { id },
      ada,
    );
    expect(update.errors).toBeUndefined();
    expect(update.data?.updatePost.body).toBe('final');
    expect(update.data?.updatePost.editedAt).toEqual(expect.any(String));
    expect(update.extensions?.[INVALIDATION_EXTENSION]).toEqual([{ __typename: 'Post', id }]);

    const LIKE = 'mutation($id: ID!) { likePost(id: $id) { likeCount viewerHasLiked } }';
    const UNLIKE = 'mutation($id: ID!) { unlikePost(id: $id) { likeCount viewerHasLiked } }';
    for (let i = 0; i < 2; i++) {
      const liked = await run<{ likePost: unknown }>(LIKE, { id }, bob);
      expect(liked.data?.likePost).toEqual({ likeCount: 1, viewerHasLiked: true });
    }
    for (let i = 0; i < 2; i++) {
      const unliked = await run<{ unlikePost: unknown }>(UNLIKE, { id }, bob);
      expect(unliked.data?.unlikePost).toEqual({ likeCount: 0, viewerHasLiked: false });
    }

    const deleted = await run<{ deletePost: string }>(
      'mutation($id: ID!) { deletePost(id: $id) }',
      { id },
      ada,
    );
    expect(deleted.data?.deletePost).toBe(id);
    expect(deleted.extensions?.[INVALIDATION_EXTENSION]).toEqual([{ __typename: 'Post', id }]);
    expect(
      (await run<{ post: unknown }>('query($id: ID!) { post(id: $id) { id } }', { id })).data,
    ).toEqual({ post: null });
    const again = await run('mutation($id: ID!) { deletePost(id: $id) }', { id }, ada);
    expect(problemOf(again)).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it('refuses what the rules refuse, with a code and the field', async () => {
    const ada = member();
    const id = await createPost(ada, 'mine');
    const missing = uuidv7();
    const cases: [string, Record<string, unknown>, Viewer | null, string, string | undefined][] = [
      ['mutation { createPost(body: "hi") { id } }', {}, null, 'UNAUTHENTICATED', undefined],
      ['mutation { createPost(body: "   ") { id } }', {}, ada, 'BAD_USER_INPUT', 'body'],
      [
        'mutation($b: String!) { createPost(body: $b) { id } }',
        { b: 'x'.repeat(501) },
        ada,
        'BAD_USER_INPUT',
        'body',
      ],
      ['mutation { createPost(body: "bell \\u0007") { id } }', {}, ada, 'BAD_USER_INPUT', 'body'],
      [
        'mutation { createPost(body: "hi", replyToId: "nope") { id } }',
        {},
        ada,
        'BAD_USER_INPUT',
        'replyToId',
      ],
      [
        'mutation($r: ID) { createPost(body: "hi", replyToId: $r) { id } }',
        { r: missing },
        ada,
        'NOT_FOUND',
        'replyToId',
      ],
      [
        'mutation($id: ID!) { updatePost(id: $id, body: "mine now") { id } }',
        { id },
        member(),
        'FORBIDDEN',
        undefined,
      ],
      ['mutation($id: ID!) { deletePost(id: $id) }', { id }, member(), 'FORBIDDEN', undefined],
      ['mutation { likePost(id: "1") { id } }', {}, ada, 'BAD_USER_INPUT', 'id'],
      ['mutation($id: ID!) { likePost(id: $id) { id } }', { id: missing }, ada, 'NOT_FOUND', 'id'],
      ['query { post(id: "x") { id } }', {}, null, 'BAD_USER_INPUT', 'id'],
      [
        'query($id: ID!) { post(id: $id) { replies(after: "garbage") { edges { cursor } } } }',
        { id },
        null,
        'BAD_USER_INPUT',
        'after',
      ],
      [
        'query($id: ID!) { post(id: $id) { replies(first: -1) { edges { cursor } } } }',
        { id },
        null,
        'BAD_USER_INPUT',
        'replies.first',
      ],
      [
        'query($id: ID!) { post(id: $id) { replies(first: 101) { edges { cursor } } } }',
        { id },
        null,
        'BAD_USER_INPUT',
        'replies.first',
      ],
    ];
    for (const [query, variables, viewer, code, field] of cases) {
      const result = await run(query, variables, viewer);
      expect({ query, ...problemOf(result) }).toEqual({ query, code, field });
    }
    // Nothing above changed the post.
    const post = await run<{ post: { body: string; editedAt: string | null } }>(
      'query($id: ID!) { post(id: $id) { body editedAt } }',
      { id },
    );
    expect(post.data?.post).toEqual({ body: 'mine', editedAt: null });
  });
});
