import type { EmailTokenCipher } from '@flock/auth';
import type { Envelope, PayloadOf, userRegistered } from '@flock/events';
import type { Logger } from '@flock/logger';
import type { Transporter } from 'nodemailer';
import { verificationUrl, welcomeEmail } from '../domain/welcome-email';
import type { PrismaClient } from '../generated/prisma/client';

export interface WelcomeDeps {
  prisma: PrismaClient;
  transport: Transporter;
  emailTokens: EmailTokenCipher;
  from: string;
  verifyEmailUrl: string;
  logger: Logger;
}

/**
 * How long one email may hold its claim (the transaction around the SMTP exchange). Longer,
 * and the transaction is rolled back and the event retried.
 */
const SEND_TIMEOUT_MS = 30_000;

/**
 * Sends the welcome email once per registration event. The event is claimed by inserting its
 * sent_emails row, and the email is sent inside that transaction: a replay finds the row and
 * sends nothing; a second handler of the same event at the same time (two replicas after a
 * rebalance) waits on the row until the first commits, then finds it. An SMTP failure throws
 * and rolls the claim back, so the consumer retries and finally dead-letters the event. (A
 * crash or a failed commit after SMTP accepted the email sends it again on the retry: the
 * Message-ID is derived from the event id so receivers can tell.)
 */
export function onUserRegistered(deps: WelcomeDeps) {
  return async (event: Envelope<PayloadOf<typeof userRegistered>>): Promise<void> => {
    const { payload } = event;
    if (payload.email.endsWith('.invalid')) {
      // RFC 2606: .invalid never delivers (seeded and synthetic accounts use it).
      deps.logger.debug({ eventId: event.id }, 'no email to a .invalid address');
      return;
    }
    const messageId = `<${event.id}@flock.local>`;
    const sent = await deps.prisma.$transaction(
      async (tx) => {
        const claim = await tx.sentEmail.createMany({
          data: [{ eventId: event.id, kind: 'welcome', recipient: payload.email, messageId }],
          skipDuplicates: true,
        });
        if (claim.count === 0) return false;
        const token = await deps.emailTokens.open(payload.emailVerification.encryptedToken);
        const email = welcomeEmail({
          username: payload.username,
          displayName: payload.displayName,
          verifyUrl: verificationUrl(deps.verifyEmailUrl, token),
          expiresAt: new Date(payload.emailVerification.expiresAt),
        });
        await deps.transport.sendMail({ from: deps.from, to: payload.email, messageId, ...email });
        return true;
      },
      { timeout: SEND_TIMEOUT_MS },
    );
    if (!sent) {
      deps.logger.debug({ eventId: event.id }, 'welcome email already sent');
      return;
    }
    deps.logger.info({ eventId: event.id, userId: payload.userId }, 'welcome email sent');
  };
}
