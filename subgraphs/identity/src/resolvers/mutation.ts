import { requireViewer } from '@flock/auth';
import { invalidateEntity } from '@flock/graphql';
import type { IdentityContext } from '../context';

/** Thin: each mutation hands its raw arguments to the domain, which validates them. */
export const mutationResolvers = {
  register: (_: unknown, args: { input: unknown }, ctx: IdentityContext) =>
    ctx.accounts.register(args.input, ctx.caller),

  login: (_: unknown, args: { input: unknown }, ctx: IdentityContext) =>
    ctx.accounts.login(args.input, ctx.caller),

  refreshSession: (_: unknown, args: { refreshToken: unknown }, ctx: IdentityContext) =>
    ctx.sessions.refresh(args.refreshToken),

  logout: (_: unknown, args: { refreshToken?: unknown }, ctx: IdentityContext) =>
    ctx.sessions.logout(ctx.viewer, args.refreshToken),

  // The gateway's entity cache must not keep serving the old profile.
  updateProfile: async (_: unknown, args: { input: unknown }, ctx: IdentityContext) => {
    const user = await ctx.accounts.updateProfile(requireViewer(ctx.viewer), args.input);
    invalidateEntity(ctx, 'User', user.id);
    return user;
  },

  changePassword: (
    _: unknown,
    args: { currentPassword: unknown; newPassword: unknown },
    ctx: IdentityContext,
  ) =>
    ctx.accounts.changePassword(
      requireViewer(ctx.viewer),
      args.currentPassword,
      args.newPassword,
      ctx.caller,
    ),

  verifyEmail: (_: unknown, args: { token: unknown }, ctx: IdentityContext) =>
    ctx.accounts.verifyEmail(args.token),
};
