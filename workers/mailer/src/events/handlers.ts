import type { accountDeleted, Envelope, PayloadOf } from '@flock/events';
import {
  accountDeletedEmail,
  emailChangedEmail,
  emailChangeEmail,
  passwordChangedEmail,
  passwordResetEmail,
  type VerificationEmailInput,
  verificationEmail,
  verificationUrl,
  welcomeEmail,
} from '../domain/emails';
import { type MailerDeps, sendOnce } from './send-once';

/** What both events that carry a verification link hold (registration, resend). */
interface LinkPayload {
  username: string;
  displayName: string | null;
  email: string;
  emailVerification: { encryptedToken: string; expiresAt: string };
}

/** The welcome email, with the verification link, once per registration event. */
export const onUserRegistered = (deps: MailerDeps) =>
  linkEmailHandler(deps, 'welcome', welcomeEmail);

/** A new verification link the user asked for (resendVerificationEmail), once per request. */
export const onVerificationRequested = (deps: MailerDeps) =>
  linkEmailHandler(deps, 'verification', verificationEmail);

function linkEmailHandler(
  deps: MailerDeps,
  kind: string,
  compose: (input: VerificationEmailInput) => { subject: string; text: string; html: string },
) {
  return (event: Envelope<LinkPayload>): Promise<void> => {
    const { payload } = event;
    return sendOnce(deps, event, {
      kind,
      to: payload.email,
      compose: async () =>
        compose({
          username: payload.username,
          displayName: payload.displayName,
          verifyUrl: verificationUrl(
            deps.verifyEmailUrl,
            await deps.emailTokens.open(payload.emailVerification.encryptedToken),
          ),
          expiresAt: new Date(payload.emailVerification.expiresAt),
        }),
    });
  };
}

/** Confirms a deletion to the address the account had, once per event. */
export const onAccountDeleted =
  (deps: MailerDeps) =>
  (event: Envelope<PayloadOf<typeof accountDeleted>>): Promise<void> =>
    sendOnce(deps, event, {
      kind: 'account-deleted',
      to: event.payload.email,
      compose: async () => accountDeletedEmail(event.payload),
    });

interface Person {
  username: string;
  displayName: string | null;
}

/** The password reset link (requestPasswordReset), once per request. */
export const onPasswordResetRequested =
  (deps: MailerDeps) =>
  (
    event: Envelope<
      Person & { email: string; passwordReset: { encryptedToken: string; expiresAt: string } }
    >,
  ): Promise<void> => {
    const { payload } = event;
    return sendOnce(deps, event, {
      kind: 'password-reset',
      to: payload.email,
      compose: async () =>
        passwordResetEmail({
          username: payload.username,
          displayName: payload.displayName,
          verifyUrl: verificationUrl(
            deps.resetPasswordUrl,
            await deps.emailTokens.open(payload.passwordReset.encryptedToken),
          ),
          expiresAt: new Date(payload.passwordReset.expiresAt),
        }),
    });
  };

/** "Your password was changed", to the account's address. */
export const onPasswordChanged =
  (deps: MailerDeps) =>
  (
    event: Envelope<Person & { email: string; changedAt: string; reason: 'reset' | 'change' }>,
  ): Promise<void> => {
    const { payload } = event;
    return sendOnce(deps, event, {
      kind: 'password-changed',
      to: payload.email,
      compose: async () =>
        passwordChangedEmail({
          username: payload.username,
          displayName: payload.displayName,
          at: new Date(payload.changedAt),
          reason: payload.reason,
        }),
    });
  };

/** The confirmation link of an email change, to the NEW address. */
export const onEmailChangeRequested =
  (deps: MailerDeps) =>
  (
    event: Envelope<
      Person & { newEmail: string; emailChange: { encryptedToken: string; expiresAt: string } }
    >,
  ): Promise<void> => {
    const { payload } = event;
    return sendOnce(deps, event, {
      kind: 'email-change',
      to: payload.newEmail,
      compose: async () =>
        emailChangeEmail({
          username: payload.username,
          displayName: payload.displayName,
          verifyUrl: verificationUrl(
            deps.confirmEmailUrl,
            await deps.emailTokens.open(payload.emailChange.encryptedToken),
          ),
          expiresAt: new Date(payload.emailChange.expiresAt),
        }),
    });
  };

/** "Your address was changed", to the OLD address. */
export const onEmailChanged =
  (deps: MailerDeps) =>
  (
    event: Envelope<Person & { oldEmail: string; newEmail: string; changedAt: string }>,
  ): Promise<void> => {
    const { payload } = event;
    return sendOnce(deps, event, {
      kind: 'email-changed',
      to: payload.oldEmail,
      compose: async () =>
        emailChangedEmail({
          username: payload.username,
          displayName: payload.displayName,
          at: new Date(payload.changedAt),
          newEmail: payload.newEmail,
        }),
    });
  };
