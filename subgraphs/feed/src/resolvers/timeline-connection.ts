import { type Connection, connectionOf, firstArgument, parseInput } from '@flock/graphql';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import type { Cursor, TimelinePage } from '../domain/merge';

/** What the feed knows of a post: a reference the posts subgraph resolves. */
interface PostReference {
  __typename: 'Post';
  id: string;
}

/**
 * A FeedConnection (homeFeed, User.timeline): parses the page arguments, reads the page with
 * `read` and builds the connection.
 */
export async function timelineConnection(
  args: { first?: number | null; after?: string | null },
  read: (first: number, cursor: Cursor | undefined) => Promise<TimelinePage>,
): Promise<Connection<PostReference>> {
  const first = parseInput(firstArgument, args.first, 'first');
  const { entries, hasNextPage } = await read(first, decodeCursor(args.after));
  return connectionOf(entries, {
    hasNextPage,
    after: args.after,
    cursorOf: encodeCursor,
    nodeOf: (entry) => ({ __typename: 'Post', id: entry.postId }),
  });
}
