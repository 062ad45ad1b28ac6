import { DateTimeScalar } from '@flock/graphql';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, User };
