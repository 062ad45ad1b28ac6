import type { accountDeleted, Envelope, PayloadOf } from '@flock/events';
import {
  accountDeletedEmail,
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
