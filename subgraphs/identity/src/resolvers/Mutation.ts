import { requireViewer } from '@flock/auth';
import { invalidateEntity } from '@flock/graphql';
import type { MutationResolvers } from '../__generated__/resolvers-types';

/** Thin: each mutation hands its raw arguments to the domain, which validates them. */
export const Mutation: MutationResolvers = {
  register: (_, args, ctx) => ctx.accounts.register(args.input, ctx.caller),

  login: (_, args, ctx) => ctx.accounts.login(args.input, ctx.caller),

  refreshSession: (_, args, ctx) => ctx.sessions.refresh(args.refreshToken),

  logout: (_, args, ctx) => ctx.sessions.logout(ctx.viewer, args.refreshToken),

  // The gateway's entity cache must not keep serving the old profile.
  updateProfile: async (_, args, ctx) => {
    const user = await ctx.accounts.updateProfile(requireViewer(ctx.viewer), args.input);
    invalidateEntity(ctx, 'User', user.id);
    return user;
  },

  changePassword: (_, args, ctx) =>
    ctx.accounts.changePassword(
      requireViewer(ctx.viewer),
      args.currentPassword,
      args.newPassword,
      ctx.caller,
    ),

  verifyEmail: (_, args, ctx) => ctx.accounts.verifyEmail(args.token),

  resendVerificationEmail: (_, _args, ctx) =>
    ctx.accounts.resendVerificationEmail(requireViewer(ctx.viewer), ctx.caller),

  // The gateway's entity cache must not keep serving the deleted account.
  deleteAccount: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    await ctx.accounts.deleteAccount(viewer, args.password, ctx.caller);
    invalidateEntity(ctx, 'User', viewer.id);
    return true;
  },

  revokeSession: (_, args, ctx) => ctx.sessions.revoke(requireViewer(ctx.viewer), args.id),

  requestPasswordReset: (_, args, ctx) => ctx.passwordResets.request(args.email, ctx.caller),

  resetPassword: (_, args, ctx) =>
    ctx.passwordResets.reset(args.token, args.newPassword, ctx.caller),

  changeEmail: (_, args, ctx) =>
    ctx.emailChanges.request(
      requireViewer(ctx.viewer),
      args.newEmail,
      args.currentPassword,
      ctx.caller,
    ),

  confirmEmailChange: async (_, args, ctx) => {
    const user = await ctx.emailChanges.confirm(args.token, ctx.caller);
    invalidateEntity(ctx, 'User', user.id);
    return user;
  },

  startOidcSignIn: (_, args, ctx) => ctx.oidc.start(args.provider, null),

  finishOidcSignIn: (_, args, ctx) =>
    ctx.oidc.finishSignIn(args.state, args.code, args.iss, ctx.caller),

  completeOidcSignUp: (_, args, ctx) =>
    ctx.oidc.completeSignUp(args.ticket, args.username, ctx.caller),

  startOidcLink: (_, args, ctx) => ctx.oidc.start(args.provider, requireViewer(ctx.viewer)),

  finishOidcLink: (_, args, ctx) =>
    ctx.oidc.finishLink(requireViewer(ctx.viewer), args.state, args.code, args.iss),

  unlinkOidcProvider: (_, args, ctx) => ctx.oidc.unlink(requireViewer(ctx.viewer), args.provider),

  revokeOtherSessions: (_, _args, ctx) => ctx.sessions.revokeAllOthers(requireViewer(ctx.viewer)),
};
