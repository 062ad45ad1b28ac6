import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = { Query, User };
