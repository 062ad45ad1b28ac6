import type { Viewer } from '@flock/auth';
import { badUserInput, isUuid, notFound } from '@flock/graphql';
import type { FollowGraph } from './graph';

/**
 * The user to follow or unfollow: a well-formed id, not the viewer, someone in the graph. Bad
 * input gets our coded errors here rather than a Cypher statement that matches nothing.
 */
export async function checkFollowTarget(
  graph: FollowGraph,
  viewer: Viewer,
  userId: string,
): Promise<void> {
  if (!isUuid(userId)) throw badUserInput({ field: 'userId', message: 'is not a valid user id' });
  if (userId.toLowerCase() === viewer.id.toLowerCase()) {
    throw badUserInput({ field: 'userId', message: 'you cannot follow yourself' });
  }
  if (!(await graph.userExists(userId))) throw notFound('User', 'userId');
}
