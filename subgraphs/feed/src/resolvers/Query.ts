import { requireViewer } from '@flock/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { timelineConnection } from './timeline-connection';

export const Query: QueryResolvers = {
  homeFeed: (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    return timelineConnection(args, (first, cursor) =>
      ctx.reader.homePage(viewer.id, first, cursor),
    );
  },
};
