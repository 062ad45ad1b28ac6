import { requireViewer } from '@flock/auth';
import { invalidateEntity } from '@flock/graphql';
import type { PostsContext } from '../context';

/** Thin: every mutation needs a signed-in viewer; the domain validates the rest. */
export const mutationResolvers = {
  createPost: (_: unknown, args: unknown, ctx: PostsContext) =>
    ctx.posts.create(requireViewer(ctx.viewer), args, ctx.correlationId),
  // An edited or deleted post must not be served from the gateway's entity cache.
  updatePost: async (_: unknown, args: unknown, ctx: PostsContext) => {
    const post = await ctx.posts.update(requireViewer(ctx.viewer), args);
    invalidateEntity(ctx, 'Post', post.id);
    return post;
  },
  deletePost: async (_: unknown, args: { id: unknown }, ctx: PostsContext) => {
    const id = await ctx.posts.delete(requireViewer(ctx.viewer), args.id, ctx.correlationId);
    invalidateEntity(ctx, 'Post', id);
    return id;
  },
  likePost: (_: unknown, args: { id: unknown }, ctx: PostsContext) =>
    ctx.posts.like(requireViewer(ctx.viewer), args.id),
  unlikePost: (_: unknown, args: { id: unknown }, ctx: PostsContext) =>
    ctx.posts.unlike(requireViewer(ctx.viewer), args.id),
};
