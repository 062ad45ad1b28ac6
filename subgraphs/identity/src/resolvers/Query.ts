import { requireViewer } from '@flock/auth';
import { badUserInput, isUuid, unauthenticated } from '@flock/graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  me: async (_, _args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    const user = await ctx.users.load(viewer.id);
    if (!user) throw unauthenticated('The account of this token no longer exists');
    return user;
  },

  user: (_, { id, username }, ctx) => {
    if ((id == null) === (username == null)) {
      throw badUserInput({ field: 'id', message: 'give exactly one of id and username' });
    }
    if (id != null) {
      if (!isUuid(id)) throw badUserInput({ field: 'id', message: 'is not a valid user id' });
      return ctx.users.load(id);
    }
    return ctx.accounts.byUsername(username ?? '');
  },

  mySessions: (_, _args, ctx) => ctx.sessions.list(requireViewer(ctx.viewer)),

  oidcProviders: (_, _args, ctx) => ctx.oidc.providerNames(),

  myLinkedProviders: (_, _args, ctx) => ctx.oidc.linked(requireViewer(ctx.viewer)),
};
