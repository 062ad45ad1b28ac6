import { DateTimeScalar } from '@flock/graphql';
import { mutationResolvers } from './mutation';
import { postResolvers, userResolvers } from './post';
import { queryResolvers } from './query';

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Post: postResolvers,
  User: userResolvers,
};
