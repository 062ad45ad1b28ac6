import type { EmailTokenCipher } from '@flock/auth';
import type { Envelope } from '@flock/events';
import type { Logger } from '@flock/logger';
import type { Transporter } from 'nodemailer';
import type { PrismaClient } from '../generated/prisma/client';

export interface MailerDeps {
  prisma: PrismaClient;
  transport: Transporter;
  emailTokens: EmailTokenCipher;
  from: string;
  verifyEmailUrl: string;
  logger: Logger;
}

/** What an event asks to send: to whom, as which kind, and the message (built on demand). */
export interface Email {
  kind: string;
  to: string;
  compose: () => Promise<{ subject: string; text: string; html: string }>;
}

/**
 * How long one email may hold its claim (the transaction around the SMTP exchange). Longer,
 * and the transaction is rolled back and the event retried.
 */
const SEND_TIMEOUT_MS = 30_000;

/**
 * Sends the email an event asks for, once per event. The event is claimed by inserting its
 * sent_emails row, and the email is sent inside that transaction: a replay (a redrive
 * included) finds the row and sends nothing; a second handler of the same event at the same
 * time (two replicas after a rebalance) waits on the row until the first commits, then finds
 * it. An SMTP failure throws and rolls the claim back, so the consumer retries it until SMTP
 * answers again. (A crash or a failed commit after SMTP accepted the email sends it again on
 * the retry: the Message-ID is derived from the event id so receivers can tell.)
 */
export async function sendOnce(
  deps: MailerDeps,
  event: Envelope<unknown>,
  email: Email,
): Promise<void> {
  const log = deps.logger.child({ eventId: event.id, kind: email.kind });
  if (email.to.endsWith('.invalid')) {
    // RFC 2606: .invalid never delivers (seeded and synthetic accounts use it).
    log.debug('no email to a .invalid address');
    return;
  }
  const messageId = `<${event.id}@flock.local>`;
  const sent = await deps.prisma.$transaction(
    async (tx) => {
      const claim = await tx.sentEmail.createMany({
        data: [{ eventId: event.id, kind: email.kind, recipient: email.to, messageId }],
        skipDuplicates: true,
      });
      if (claim.count === 0) return false;
      const message = await email.compose();
      await deps.transport.sendMail({ from: deps.from, to: email.to, messageId, ...message });
      return true;
    },
    { timeout: SEND_TIMEOUT_MS },
  );
  if (sent) log.info('email sent');
  else log.debug('email already sent');
}
