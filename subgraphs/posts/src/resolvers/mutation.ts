import { requireViewer } from '@flock/auth';
import type { PostsContext } from '../context';

/** Thin: every mutation needs a signed-in viewer; the domain validates the rest. */
export const mutationResolvers = {
  createPost: (_: unknown, args: unknown, ctx: PostsContext) =>
    ctx.posts.create(requireViewer(ctx.viewer), args, ctx.correlationId),
  updatePost: (_: unknown, args: unknown, ctx: PostsContext) =>
    ctx.posts.update(requireViewer(ctx.viewer), args),
  deletePost: (_: unknown, args: { id: unknown }, ctx: PostsContext) =>
    ctx.posts.delete(requireViewer(ctx.viewer), args.id, ctx.correlationId),
  likePost: (_: unknown, args: { id: unknown }, ctx: PostsContext) =>
    ctx.posts.like(requireViewer(ctx.viewer), args.id),
  unlikePost: (_: unknown, args: { id: unknown }, ctx: PostsContext) =>
    ctx.posts.unlike(requireViewer(ctx.viewer), args.id),
};
