import { requireViewer } from '@flock/auth';
import { badUserInput, unauthenticated } from '@flock/graphql';
import type { IdentityContext } from '../context';
import { isUuid } from '../domain/validation';

export const queryResolvers = {
  me: async (_: unknown, _args: unknown, ctx: IdentityContext) => {
    const viewer = requireViewer(ctx.viewer);
    const user = await ctx.users.load(viewer.id);
    if (!user) throw unauthenticated('The account of this token no longer exists');
    return user;
  },

  user: (
    _: unknown,
    args: { id?: string | null; username?: string | null },
    ctx: IdentityContext,
  ) => {
    const { id, username } = args;
    if ((id == null) === (username == null)) {
      throw badUserInput({ field: 'id', message: 'give exactly one of id and username' });
    }
    if (id != null) {
      if (!isUuid(id)) throw badUserInput({ field: 'id', message: 'is not a valid user id' });
      return ctx.users.load(id);
    }
    return ctx.accounts.byUsername(username ?? '');
  },
};
