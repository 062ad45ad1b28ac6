import { parseInput } from '@flock/graphql';
import type { PostsContext } from '../context';
import { postId } from '../domain/validation';

export const queryResolvers = {
  post: (_: unknown, args: { id: unknown }, ctx: PostsContext) =>
    ctx.postById.load(parseInput(postId, args.id, 'id')),
};
