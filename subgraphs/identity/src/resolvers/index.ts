import { DateTimeScalar } from '@flock/graphql';
import { mutationResolvers } from './mutation';
import { queryResolvers } from './query';
import { userResolvers } from './user';

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  User: userResolvers,
};
