import type { EmailTokenCipher } from '@flock/auth';
import type { Envelope } from '@flock/events';
import type { Logger } from '@flock/logger';
import { SpanKind, tracer, withSpan } from '@flock/telemetry';
import type { Transporter } from 'nodemailer';
import type { PrismaClient } from '../generated/prisma/client';

export interface MailerDeps {
  prisma: PrismaClient;
  transport: Transporter;
  emailTokens: EmailTokenCipher;
  from: string;
  verifyEmailUrl: string;
  /** The app pages of the password reset and email change links (`?token=` is added). */
  resetPasswordUrl: string;
  confirmEmailUrl: string;
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

/** RFC 2606: an address in the `.invalid` TLD (any case) can never be delivered. */
export function neverDelivers(address: string): boolean {
  return /\.invalid\.?$/i.test(address.trim());
}

const spans = tracer('mailer');

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
  if (neverDelivers(email.to)) {
    // RFC 2606: .invalid never delivers (seeded and synthetic accounts use it).
    log.debug('no email to a .invalid address');
    return;
  }
  const messageId = `<${event.id}@flock.local>`;
  const claim = { eventId: event.id, kind: email.kind, recipient: email.to, messageId };
  let handedToSmtp = false;
  try {
    const sent = await deps.prisma.$transaction(
      async (tx) => {
        const claimed = await tx.sentEmail.createMany({ data: [claim], skipDuplicates: true });
        if (claimed.count === 0) return false;
        const message = await email.compose();
        await withSpan(
          spans,
          `send email ${email.kind}`,
          { kind: SpanKind.CLIENT, attributes: { 'flock.email.kind': email.kind } },
          () => deps.transport.sendMail({ from: deps.from, to: email.to, messageId, ...message }),
        );
        handedToSmtp = true;
        return true;
      },
      { timeout: SEND_TIMEOUT_MS },
    );
    if (sent) log.info('email sent');
    else log.debug('email already sent');
  } catch (error) {
    if (!handedToSmtp) throw error;
    // SMTP took the email but the claim was rolled back (the transaction outlived its
    // timeout, or the commit failed): record it now, so the retry does not send it again.
    // Only if this fails too is the email sent twice (same Message-ID).
    await deps.prisma.sentEmail.createMany({ data: [claim], skipDuplicates: true });
    log.warn({ err: error }, 'email sent; its record was written after the transaction failed');
  }
}

/**
 * SMTP limits well inside SEND_TIMEOUT_MS (nodemailer's own allow minutes): a slow server
 * fails the attempt, to be retried, instead of outliving the claim's transaction.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
} as const;
