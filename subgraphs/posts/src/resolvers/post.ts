import type { PostsContext } from '../context';
import type { Post } from '../generated/prisma/client';

export const postResolvers = {
  __resolveReference: (ref: { id: string }, ctx: PostsContext) => ctx.postById.load(ref.id),
  author: (post: Post) => ({ __typename: 'User', id: post.authorId }),
  replyTo: (post: Post, _args: unknown, ctx: PostsContext) =>
    post.replyToId ? ctx.postById.load(post.replyToId) : null,
  replies: (post: Post, args: unknown, ctx: PostsContext) => ctx.posts.replies(post.id, args),
  viewerHasLiked: (post: Post, _args: unknown, ctx: PostsContext) => ctx.viewerLikes.load(post.id),
};

export const userResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  posts: (user: { id: string }, args: unknown, ctx: PostsContext) =>
    ctx.posts.byAuthor(user.id, args),
};
