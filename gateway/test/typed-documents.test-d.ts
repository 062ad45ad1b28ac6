/**
 * Compile-time checks of the typed documents (never run: `npx tsc -p gateway` checks this
 * file, and every `@ts-expect-error` below fails the build once its line stops being an
 * error). A typed document refuses variables its operation does not declare or of the wrong
 * type, requires the ones it needs, and its result only has the fields it selected.
 */
import { expectTypeOf } from 'vitest';
import { gql } from './__generated__';
import { graphql } from './harness';

const POST = gql(`
  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }
`);
const ME = gql(`
  query TypeTestMe { me { username } }
`);
const USER = gql(`
  query TypeTestUser($username: String, $first: Int) {
    user(username: $username) { posts(first: $first) { edges { node { id } } } }
  }
`);

export async function typedDocuments(url: string): Promise<void> {
  // The result is the selection, not the whole type.
  const post = await graphql(url, POST, { id: 'p' });
  expectTypeOf(post.data?.post).toEqualTypeOf<
    { id: string; body: string; likeCount: number } | null | undefined
  >();
  // @ts-expect-error -- `author` is a field of Post, but the operation did not select it.
  post.data?.post?.author;
  // @ts-expect-error -- not a field of Post at all.
  post.data?.post?.title;
  // @ts-expect-error -- `likeCount` is a number.
  const likes: string | undefined = post.data?.post?.likeCount;
  void likes;

  // @ts-expect-error -- a variable the operation does not declare (`postId` for `id`).
  await graphql(url, POST, { postId: 'p' });
  // @ts-expect-error -- the same, next to the right one.
  await graphql(url, POST, { id: 'p', postId: 'p' });
  // @ts-expect-error -- `id` is an ID (a string or a number), not a boolean.
  await graphql(url, POST, { id: true });
  // @ts-expect-error -- `$id: ID!` is required.
  await graphql(url, POST);
  // @ts-expect-error -- `$id: ID!` is required, even with options.
  await graphql(url, POST, {}, { token: 't' });

  // An operation without required variables may leave them out, but takes no others.
  await graphql(url, ME);
  await graphql(url, ME, {}, { token: 't' });
  // @ts-expect-error -- TypeTestMe has no variables.
  await graphql(url, ME, { id: 'x' });
  await graphql(url, USER, { username: 'ada' });
  // @ts-expect-error -- `$first: Int`, not a string.
  await graphql(url, USER, { username: 'ada', first: '10' });

  const user = await graphql(url, USER);
  expectTypeOf(user.data?.user?.posts.edges[0]?.node.id).toEqualTypeOf<string | undefined>();
  // @ts-expect-error -- `body` was not selected on the node.
  user.data?.user?.posts.edges[0]?.node.body;

  // A string operation is typed by its caller.
  const raw = await graphql<{ me: { id: string } }>(url, '{ me { id } }');
  expectTypeOf(raw.data?.me.id).toEqualTypeOf<string | undefined>();
}
