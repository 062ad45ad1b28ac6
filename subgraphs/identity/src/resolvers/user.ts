import type { IdentityContext } from '../context';
import type { User } from '../generated/prisma/client';

const isOwner = (user: User, ctx: IdentityContext) => ctx.viewer?.id === user.id;

export const userResolvers = {
  __resolveReference: (ref: { id: string }, ctx: IdentityContext) => ctx.users.load(ref.id),
  email: (user: User, _args: unknown, ctx: IdentityContext) =>
    isOwner(user, ctx) ? user.email : null,
  emailVerified: (user: User, _args: unknown, ctx: IdentityContext) =>
    isOwner(user, ctx) ? user.emailVerifiedAt !== null : null,
};
