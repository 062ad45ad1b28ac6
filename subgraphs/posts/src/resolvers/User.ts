import type { UserResolvers } from '../__generated__/resolvers-types';
import { postConnection } from './post-connection';

/** Identity owns users; this subgraph adds their posts. */
export const User: UserResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  posts: (user, args, ctx) => postConnection(args, (page) => ctx.posts.byAuthor(user.id, page)),
};
