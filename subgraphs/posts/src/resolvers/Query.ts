import { parseInput } from '@flock/graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { postId } from '../domain/validation';

export const Query: QueryResolvers = {
  post: (_, args, ctx) => ctx.postById.load(parseInput(postId, args.id, 'id')),
};
