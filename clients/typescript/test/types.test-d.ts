/**
 * Compile-time checks of the SDK's typed operations (never run: `npx tsc -p clients/typescript`
 * checks this file, and every `@ts-expect-error` below fails the build once its line stops
 * being an error). An operation's result has only the fields it selected; its variables must
 * be declared by it, of the right type, and the required ones given.
 */
import { expectTypeOf } from 'vitest';
import {
  CreatePostDocument,
  type FlockClient,
  type FlockError,
  type FlockErrorCode,
  type FlockResult,
  FollowersDocument,
  HomeFeedDocument,
  MeDocument,
  PostDocument,
  type PostFieldsFragment,
  SuggestedFollowsDocument,
  UserByUsernameDocument,
} from '../src';

export async function typedOperations(client: FlockClient): Promise<void> {
  // The result is the selection, not the whole type.
  const { me } = await client.request(MeDocument);
  expectTypeOf(me.username).toEqualTypeOf<string>();
  expectTypeOf(me.followerCount).toEqualTypeOf<number | null>();
  // @ts-expect-error -- (a) `timeline` is a field of User, but Me did not select it.
  me.timeline;
  // @ts-expect-error -- not a field of User at all.
  me.handle;

  const { post } = await client.request(PostDocument, { id: 'p' });
  expectTypeOf(post).toEqualTypeOf<PostFieldsFragment | null>();
  expectTypeOf(post?.author?.username).toEqualTypeOf<string | undefined>();
  // @ts-expect-error -- (a) `replies` was not selected by PostFields.
  post?.replies;
  // @ts-expect-error -- (a) the author is a UserSummary: no `bio`.
  post?.author?.bio;
  // @ts-expect-error -- `likeCount` is a number.
  const likes: string | undefined = post?.likeCount;
  void likes;

  // @ts-expect-error -- (b) `$id: ID!` is a string here, not a number.
  await client.request(PostDocument, { id: 42 });
  // @ts-expect-error -- (b) `$first: Int!`, not a string.
  await client.request(SuggestedFollowsDocument, { first: '10' });
  // @ts-expect-error -- (b) `$first: Int`, not a boolean, even where it is optional.
  await client.request(HomeFeedDocument, { first: true });

  // @ts-expect-error -- (c) `$id: ID!` is required.
  await client.request(PostDocument);
  // @ts-expect-error -- (c) `$username: String!` is required, even with the optional ones.
  await client.request(FollowersDocument, { first: 10 });
  // @ts-expect-error -- (c) `$body` is required.
  await client.execute(CreatePostDocument, { replyToId: 'p' });

  // @ts-expect-error -- (d) a variable the operation does not declare (`postId` for `id`).
  await client.request(PostDocument, { postId: 'p' });
  // @ts-expect-error -- (d) the same, next to the right one.
  await client.request(PostDocument, { id: 'p', extra: 1 });
  // @ts-expect-error -- (d) Me declares no variables at all.
  await client.request(MeDocument, { id: 'x' });

  // Operations without required variables may leave them out.
  const home = await client.request(HomeFeedDocument);
  await client.request(HomeFeedDocument, { first: 10, after: null });
  expectTypeOf(home.homeFeed?.edges[0]?.node?.body).toEqualTypeOf<string | undefined>();
  expectTypeOf(home.homeFeed?.pageInfo.endCursor).toEqualTypeOf<string | null | undefined>();

  const profile = await client.request(UserByUsernameDocument, { username: 'ada' });
  expectTypeOf(profile.user?.viewerFollows).toEqualTypeOf<boolean | null | undefined>();

  // execute: data (null when the whole request failed) and typed errors.
  const result = await client.execute(FollowersDocument, { username: 'ada', first: 5 });
  expectTypeOf(result).toEqualTypeOf<
    FlockResult<{
      user: {
        id: string;
        followersConnection: {
          totalCount: number;
          edges: Array<{
            cursor: string;
            properties: { createdAt: string };
            node: {
              viewerFollows: boolean | null;
              id: string;
              username: string;
              displayName: string | null;
            };
          }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } | null;
    }>
  >();
  expectTypeOf(result.errors).toEqualTypeOf<FlockError[]>();
  const [error] = result.errors;
  expectTypeOf(error?.field).toEqualTypeOf<string | undefined>();
  expectTypeOf(error?.retryAfter).toEqualTypeOf<number | undefined>();

  // The known codes complete; an unknown one (a newer server) still compiles.
  expectTypeOf<'UNAUTHENTICATED'>().toExtend<FlockErrorCode>();
  expectTypeOf<'SOMETHING_NEWER'>().toExtend<FlockErrorCode>();

  // Session helpers.
  expectTypeOf(client.signIn('ada', 'pw')).resolves.toHaveProperty('refreshToken');
  expectTypeOf(client.refresh()).resolves.toEqualTypeOf<boolean>();
  // @ts-expect-error -- signIn takes the login and the password.
  await client.signIn({ login: 'ada', password: 'pw' });
}
