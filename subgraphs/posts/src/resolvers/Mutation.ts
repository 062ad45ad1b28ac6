import { requireViewer } from '@flock/auth';
import { invalidateEntity } from '@flock/graphql';
import type { MutationResolvers } from '../__generated__/resolvers-types';

/** Thin: every mutation needs a signed-in viewer; the domain validates the rest. */
export const Mutation: MutationResolvers = {
  createPost: (_, args, ctx) =>
    ctx.posts.create(requireViewer(ctx.viewer), args, ctx.correlationId),
  // An edited or deleted post must not be served from the gateway's entity cache.
  updatePost: async (_, args, ctx) => {
    const post = await ctx.posts.update(requireViewer(ctx.viewer), args);
    invalidateEntity(ctx, 'Post', post.id);
    return post;
  },
  deletePost: async (_, args, ctx) => {
    const id = await ctx.posts.delete(requireViewer(ctx.viewer), args.id, ctx.correlationId);
    invalidateEntity(ctx, 'Post', id);
    return id;
  },
  likePost: (_, args, ctx) => ctx.posts.like(requireViewer(ctx.viewer), args.id),
  unlikePost: (_, args, ctx) => ctx.posts.unlike(requireViewer(ctx.viewer), args.id),
};
