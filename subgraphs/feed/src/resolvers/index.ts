import { requireViewer, type Viewer } from '@flock/auth';
import { badUserInput } from '@flock/graphql';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import type { TimelinePage, Timelines } from '../domain/timelines';

export interface FeedContext {
  viewer: Viewer | null;
  correlationId: string;
  timelines: Timelines;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function firstOf(args: PageArgs): number {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > 100) {
    throw badUserInput({ field: 'first', message: 'must be between 0 and 100' });
  }
  return first;
}

/** A page as a connection of Post references, resolved by the posts subgraph. */
function connection(page: TimelinePage, hadCursor: boolean) {
  const edges = page.entries.map((entry) => ({
    cursor: encodeCursor(entry),
    node: { __typename: 'Post', id: entry.postId },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export const resolvers = {
  Query: {
    homeFeed: async (_: unknown, args: PageArgs, ctx: FeedContext) => {
      const viewer = requireViewer(ctx.viewer);
      const first = firstOf(args);
      const page = await ctx.timelines.homePage(viewer.id, first, decodeCursor(args.after));
      return connection(page, Boolean(args.after));
    },
  },
  User: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    timeline: async (user: { id: string }, args: PageArgs, ctx: FeedContext) => {
      const page = await ctx.timelines.profilePage(
        user.id,
        firstOf(args),
        decodeCursor(args.after),
      );
      return connection(page, Boolean(args.after));
    },
  },
};
