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
 * Sends the welcome email once per registration event. A replay finds the event in
 * sent_emails and sends nothing; an SMTP failure throws, so the consumer retries and
 * finally dead-letters it. (A crash between sending and recording can send it twice:
 * the Message-ID is derived from the event id so receivers can tell.)
 */
export function onUserRegistered(deps: WelcomeDeps) {
  return async (event: Envelope<PayloadOf<typeof userRegistered>>): Promise<void> => {
    const sent = await deps.prisma.sentEmail.findUnique({ where: { eventId: event.id } });
    if (sent) {
      deps.logger.debug({ eventId: event.id }, 'welcome email already sent');
      return;
    }
    const { payload } = event;
    if (payload.email.endsWith('.invalid')) {
      // RFC 2606: .invalid never delivers (seeded and synthetic accounts use it).
      deps.logger.debug({ eventId: event.id }, 'no email to a .invalid address');
      return;
    }
    const token = await deps.emailTokens.open(payload.emailVerification.encryptedToken);
    const email = welcomeEmail({
      username: payload.username,
      displayName: payload.displayName,
      verifyUrl: verificationUrl(deps.verifyEmailUrl, token),
      expiresAt: new Date(payload.emailVerification.expiresAt),
    });
    const messageId = `<${event.id}@flock.local>`;
    await deps.transport.sendMail({ from: deps.from, to: payload.email, messageId, ...email });
    await deps.prisma.sentEmail.createMany({
      data: [{ eventId: event.id, kind: 'welcome', recipient: payload.email, messageId }],
      skipDuplicates: true,
    });
    deps.logger.info({ eventId: event.id, userId: payload.userId }, 'welcome email sent');
  };
}
