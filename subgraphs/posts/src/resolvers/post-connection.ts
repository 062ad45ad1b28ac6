import {
  type Connection,
  connectionOf,
  cursorCodec,
  firstArgument,
  parseInput,
} from '@flock/graphql';
import type { PageRequest, PostPage } from '../domain/posts';
import { postId } from '../domain/validation';
import type { Post } from '../generated/prisma/client';

/** A cursor is the last post id seen: ids are time-sortable, so pages stay stable. */
const cursor = cursorCodec(postId);

/**
 * A PostConnection (User.posts, Post.replies): parses the page arguments, reads the page
 * with `read` and builds the connection.
 */
export async function postConnection(
  args: { first?: number | null; after?: string | null },
  read: (page: PageRequest) => Promise<PostPage>,
): Promise<Connection<Post>> {
  const first = parseInput(firstArgument, args.first, 'first');
  const afterId = cursor.decode(args.after);
  const { rows, hasNextPage } = await read({ first, afterId });
  return connectionOf(rows, {
    hasNextPage,
    after: args.after,
    cursorOf: (post) => cursor.encode(post.id),
    nodeOf: (post) => post,
  });
}
