import type { PostResolvers } from '../__generated__/resolvers-types';
import { postConnection } from './post-connection';

export const Post: PostResolvers = {
  __resolveReference: (ref, ctx) => ctx.postById.load(ref.id),
  author: (post) => ({ id: post.authorId }),
  replyTo: (post, _args, ctx) => (post.replyToId ? ctx.postById.load(post.replyToId) : null),
  replies: (post, args, ctx) => postConnection(args, (page) => ctx.posts.replies(post.id, page)),
  viewerHasLiked: (post, _args, ctx) => ctx.viewerLikes.load(post.id),
};
