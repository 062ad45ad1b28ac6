import type { UserResolvers } from '../__generated__/resolvers-types';
import { timelineConnection } from './timeline-connection';

/**
 * Identity owns users; this subgraph adds their timeline. No `__resolveReference`: all the
 * feed needs of a user is the id, so the reference ({ __typename, id }) is the parent as it is.
 */
export const User: UserResolvers = {
  timeline: (user, args, ctx) =>
    timelineConnection(args, (first, cursor) => ctx.reader.profilePage(user.id, first, cursor)),
};
