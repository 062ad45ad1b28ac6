import type { UserResolvers } from '../__generated__/resolvers-types';
import type { IdentityContext } from '../context';
import type { User as UserModel } from '../generated/prisma/client';

const isOwner = (user: UserModel, ctx: IdentityContext) => ctx.viewer?.id === user.id;

export const User: UserResolvers = {
  __resolveReference: (ref, ctx) => ctx.users.load(ref.id),
  email: (user, _args, ctx) => (isOwner(user, ctx) ? user.email : null),
  emailVerified: (user, _args, ctx) => (isOwner(user, ctx) ? user.emailVerifiedAt !== null : null),
};
