import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  errorOf,
  graphql,
  type Member,
  registerMember,
  startTestStack,
  type TestStack,
  testDatabasePool,
} from './harness';

let services: TestStack;
const queries: string[] = [];
const identityRequests: string[] = [];
let proxy: Server | undefined;
const db = testDatabasePool('posts');

/** Records every request the gateway sends to identity, then forwards it. */
async function countingProxy(target: string): Promise<string> {
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    identityRequests.push(body);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k]) => !['host', 'content-length', 'connection'].includes(k),
      ),
    ) as Record<string, string>;
    const response = await fetch(target, { method: req.method, headers, body });
    res.writeHead(response.status, {
      'content-type': response.headers.get('content-type') ?? 'application/json',
    });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  services = await startTestStack({
    posts: true,
    postsHooks: { onQuery: (model, operation) => queries.push(`${model}.${operation}`) },
    identityUrlForGateway: countingProxy,
  });
});
afterAll(async () => {
  await services?.stop();
  proxy?.close();
  await db.end();
});

const member = () => registerMember(services.gatewayUrl, { prefix: 'p' });

const CREATE = gql(`
  mutation PostsCreate($body: String!, $replyToId: ID) {
    createPost(body: $body, replyToId: $replyToId) { id body replyCount }
  }
`);
const DELETE = gql(`
  mutation PostsDelete($id: ID!) { deletePost(id: $id) }
`);
const LIKE_ID = gql(`
  mutation PostsLikeId($id: ID!) { likePost(id: $id) { id } }
`);
const UNLIKE_ID = gql(`
  mutation PostsUnlikeId($id: ID!) { unlikePost(id: $id) { id } }
`);
const LIKE_COUNT = gql(`
  query PostsLikeCount($id: ID!) { post(id: $id) { likeCount } }
`);

async function post(author: Member, body: string, replyToId?: string): Promise<string> {
  const r = await graphql(
    services.gatewayUrl,
    CREATE,
    { body, replyToId },
    { token: author.token },
  );
  expect(r.errors).toBeUndefined();
  const id = r.data?.createPost.id;
  if (!id) throw new Error(`createPost answered no id: ${JSON.stringify(r)}`);
  return id;
}

describe('posts through the gateway', () => {
  it('creates, replies, likes, reads with authors, deletes — and the post is gone', async () => {
    const ada = await member();
    const bob = await member();
    const postId = await post(ada, '  Hello, Flock!  ');
    const replyId = await post(bob, 'Welcome!', postId);

    const like = await graphql(
      services.gatewayUrl,
      gql(`
        mutation PostsLike($id: ID!) { likePost(id: $id) { likeCount viewerHasLiked } }
      `),
      { id: postId },
      { token: bob.token },
    );
    expect(like.data?.likePost).toEqual({ likeCount: 1, viewerHasLiked: true });

    const PROFILE = gql(`
      query PostsProfile($u: String) { user(username: $u) { username posts { edges { node {
        id body author { username } likeCount replyCount viewerHasLiked
        replies { edges { node { body author { username } replyTo { id } } } }
      } } } } }
    `);
    const profile = await graphql(
      services.gatewayUrl,
      PROFILE,
      { u: ada.username },
      { token: bob.token },
    );
    expect(profile.errors).toBeUndefined();
    expect(profile.data?.user?.posts.edges).toEqual([
      {
        node: {
          id: postId,
          body: 'Hello, Flock!',
          author: { username: ada.username },
          likeCount: 1,
          replyCount: 1,
          viewerHasLiked: true,
          replies: {
            edges: [
              {
                node: {
                  body: 'Welcome!',
                  author: { username: bob.username },
                  replyTo: { id: postId },
                },
              },
            ],
          },
        },
      },
    ]);

    const unlike = await graphql(
      services.gatewayUrl,
      gql(`
        mutation PostsUnlike($id: ID!) { unlikePost(id: $id) { likeCount viewerHasLiked } }
      `),
      { id: postId },
      { token: bob.token },
    );
    expect(unlike.data?.unlikePost).toEqual({ likeCount: 0, viewerHasLiked: false });

    const deleted = await graphql(
      services.gatewayUrl,
      DELETE,
      { id: postId },
      { token: ada.token },
    );
    expect(deleted.data?.deletePost).toBe(postId);
    const gone = await graphql(
      services.gatewayUrl,
      gql(`
        query PostsGone($id: ID!) { post(id: $id) { id } }
      `),
      { id: postId },
    );
    expect(gone.errors).toBeUndefined();
    expect(gone.data?.post).toBeNull();
    const after = await graphql(services.gatewayUrl, PROFILE, { u: ada.username });
    expect(after.data?.user?.posts.edges).toEqual([]);
    // The reply stays; what it replied to is gone.
    const reply = await graphql(
      services.gatewayUrl,
      gql(`
        query PostsReply($id: ID!) { post(id: $id) { body replyTo { id } } }
      `),
      { id: replyId },
    );
    expect(reply.data?.post).toEqual({ body: 'Welcome!', replyTo: null });

    // Both events left through the outbox.
    await pollFor(
      async () => {
        const { rows } = await db.query(
          "SELECT count(*)::int AS n FROM outbox_events WHERE envelope->'payload'->>'postId' = $1 AND published_at IS NOT NULL",
          [postId],
        );
        return rows[0].n === 2;
      },
      { description: 'post-created and post-deleted published' },
    );
  });

  it("carries the caller's correlation id through the gateway into the post's events", async () => {
    const ada = await member();
    const correlationId = uniqueId('corr');
    const created = await graphql(
      services.gatewayUrl,
      CREATE,
      { body: 'traced' },
      { token: ada.token, correlationId },
    );
    const postId = created.data?.createPost.id;
    if (!postId) throw new Error(`createPost failed: ${JSON.stringify(created.errors)}`);
    await graphql(services.gatewayUrl, DELETE, { id: postId }, { token: ada.token, correlationId });
    const { rows } = await db.query(
      "SELECT envelope->>'type' AS type, envelope->>'correlationId' AS id FROM outbox_events WHERE envelope->'payload'->>'postId' = $1 ORDER BY envelope->>'type'",
      [postId],
    );
    expect(rows).toEqual([
      { type: 'posts.post-created.v1', id: correlationId },
      { type: 'posts.post-deleted.v1', id: correlationId },
    ]);
  });

  it('keeps like counts exact under concurrent likes', async () => {
    const author = await member();
    const postId = await post(author, 'like me');
    const fans = await Promise.all(Array.from({ length: 12 }, () => member()));
    await Promise.all(
      fans.flatMap((fan) =>
        [1, 2, 3].map(() =>
          graphql(services.gatewayUrl, LIKE_ID, { id: postId }, { token: fan.token }),
        ),
      ),
    );
    const read = await graphql(services.gatewayUrl, LIKE_COUNT, { id: postId });
    expect(read.data?.post?.likeCount).toBe(12);
    await Promise.all(
      fans
        .slice(0, 5)
        .flatMap((fan) =>
          [1, 2].map(() =>
            graphql(services.gatewayUrl, UNLIKE_ID, { id: postId }, { token: fan.token }),
          ),
        ),
    );
    const again = await graphql(services.gatewayUrl, LIKE_COUNT, { id: postId });
    expect(again.data?.post?.likeCount).toBe(7);
  });

  it('resolves 50 posts and their authors with one request to identity and a constant number of queries', async () => {
    const author = await member();
    const viewer = await member();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push(await post(author, `post ${i}`, i > 0 && i % 5 === 0 ? ids[0] : undefined));

    const FEED = gql(`
      query PostsOfAuthor($id: ID, $first: Int) { user(id: $id) { posts(first: $first) { edges {
        node {
          body author { username displayName } likeCount replyCount viewerHasLiked replyTo { id }
        }
      } } } }
    `);
    const measure = async (first: number) => {
      queries.length = 0;
      identityRequests.length = 0;
      const r = await graphql(
        services.gatewayUrl,
        FEED,
        { id: author.id, first },
        { token: viewer.token },
      );
      expect(r.errors).toBeUndefined();
      const edges = r.data?.user?.posts.edges;
      expect(edges).toHaveLength(first);
      for (const edge of edges ?? []) expect(edge.node.author?.username).toBe(author.username);
      return {
        queries: [...queries],
        authorBatches: identityRequests.filter((body) => body.includes('_entities')).length,
      };
    };
    const fifty = await measure(50);
    const five = await measure(5);
    expect(fifty.authorBatches).toBe(1);
    expect(five.authorBatches).toBe(1);
    expect(fifty.queries.length).toBe(five.queries.length);
    expect(fifty.queries.length).toBeLessThanOrEqual(4);
  });
});

describe('posts: bad input', () => {
  it('rejects a bad body, naming the field', async () => {
    const me = await member();
    for (const body of ['', '   \n  ', 'x'.repeat(501), 'bell\u0007']) {
      const r = await graphql(services.gatewayUrl, CREATE, { body }, { token: me.token });
      expect(errorOf(r), JSON.stringify(body)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'body',
      });
    }
    const exactly500 = await graphql(
      services.gatewayUrl,
      CREATE,
      { body: 'x'.repeat(500) },
      { token: me.token },
    );
    expect(exactly500.errors).toBeUndefined();
  });

  it('refuses replies to missing or deleted posts', async () => {
    const me = await member();
    const missing = await graphql(
      services.gatewayUrl,
      CREATE,
      { body: 'hi', replyToId: crypto.randomUUID() },
      { token: me.token },
    );
    expect(errorOf(missing)).toMatchObject({ code: 'NOT_FOUND', field: 'replyToId' });
    const parent = await post(me, 'soon gone');
    await graphql(services.gatewayUrl, DELETE, { id: parent }, { token: me.token });
    const toDeleted = await graphql(
      services.gatewayUrl,
      CREATE,
      { body: 'hi', replyToId: parent },
      { token: me.token },
    );
    expect(errorOf(toDeleted)).toMatchObject({ code: 'NOT_FOUND', field: 'replyToId' });
    const malformed = await graphql(
      services.gatewayUrl,
      CREATE,
      { body: 'hi', replyToId: 'nope' },
      { token: me.token },
    );
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replyToId' });
  });

  it("forbids deleting or editing someone else's post", async () => {
    const owner = await member();
    const intruder = await member();
    const id = await post(owner, 'mine');
    const del = await graphql(services.gatewayUrl, DELETE, { id }, { token: intruder.token });
    expect(errorOf(del).code).toBe('FORBIDDEN');
    const edit = await graphql(
      services.gatewayUrl,
      gql(`
        mutation PostsUpdateOthers($id: ID!) { updatePost(id: $id, body: "pwned") { id } }
      `),
      { id },
      { token: intruder.token },
    );
    expect(errorOf(edit).code).toBe('FORBIDDEN');
    const own = await graphql(
      services.gatewayUrl,
      gql(`
        mutation PostsUpdateOwn($id: ID!) { updatePost(id: $id, body: " edited ") { body editedAt } }
      `),
      { id },
      { token: owner.token },
    );
    expect(own.data?.updatePost.body).toBe('edited');
    expect(own.data?.updatePost.editedAt).toBeTruthy();
  });

  it('answers missing posts with NOT_FOUND and malformed ids with BAD_USER_INPUT', async () => {
    const me = await member();
    const like = await graphql(
      services.gatewayUrl,
      LIKE_ID,
      { id: crypto.randomUUID() },
      { token: me.token },
    );
    expect(errorOf(like)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    for (const op of [
      'likePost(id: $id) { id }',
      'unlikePost(id: $id) { id }',
      'deletePost(id: $id)',
    ]) {
      const r = await graphql(
        services.gatewayUrl,
        `mutation($id: ID!) { ${op} }`,
        { id: '1 OR 1=1' },
        { token: me.token },
      );
      expect(errorOf(r), op).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
    const query = await graphql(
      services.gatewayUrl,
      gql(`
        query PostsMalformedId { post(id: "x") { id } }
      `),
    );
    expect(errorOf(query)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('bounds `first` and refuses bad cursors', async () => {
    const me = await member();
    for (const first of [101, -1]) {
      const r = await graphql(
        services.gatewayUrl,
        gql(`
          query PostsFirstBound($id: ID, $f: Int) {
            user(id: $id) { posts(first: $f) { edges { cursor } } }
          }
        `),
        {
          id: me.id,
          f: first,
        },
      );
      expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'posts.first' });
    }
    const cursor = await graphql(
      services.gatewayUrl,
      gql(`
        query PostsBadCursor($id: ID) {
          user(id: $id) { posts(after: "garbage") { edges { cursor } } }
        }
      `),
      {
        id: me.id,
      },
    );
    expect(errorOf(cursor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('requires a token for every mutation', async () => {
    const id = crypto.randomUUID();
    for (const op of [
      'createPost(body: "hi") { id }',
      `updatePost(id: "${id}", body: "hi") { id }`,
      `deletePost(id: "${id}")`,
      `likePost(id: "${id}") { id }`,
      `unlikePost(id: "${id}") { id }`,
    ]) {
      const r = await graphql(services.gatewayUrl, `mutation { ${op} }`);
      expect(errorOf(r), op).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });
});
