import { emailTokenCipher, loadSecretKey } from '@flock/auth';
import { postgresAdapter, postgresResource } from '@flock/db';
import {
  accountDeleted,
  emailChanged,
  emailChangeRequested,
  emailVerificationRequested,
  kafkaDurability,
  on,
  passwordChanged,
  passwordResetRequested,
  startServiceEvents,
  userRegistered,
} from '@flock/events';
import type { Logger } from '@flock/logger';
import { type RunningService, startService } from '@flock/service';
import nodemailer from 'nodemailer';
import type { MailerEnv } from './env';
import {
  onAccountDeleted,
  onEmailChanged,
  onEmailChangeRequested,
  onPasswordChanged,
  onPasswordResetRequested,
  onUserRegistered,
  onVerificationRequested,
} from './events/handlers';
import { type MailerDeps, SMTP_TIMEOUTS } from './events/send-once';
import { PrismaClient } from './generated/prisma/client';

/**
 * Starts the mailer's consumer and its health routes (it serves no API): used by bin/worker
 * and by tests.
 */
export function startMailer(env: MailerEnv, logger: Logger): Promise<RunningService> {
  return startService(logger, async (resources) => {
    const prisma = postgresResource(
      resources,
      new PrismaClient({
        adapter: postgresAdapter(env.databaseUrl, env.POSTGRES_STATEMENT_TIMEOUT_MS),
      }),
    );
    const transport = nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS });
    resources.add('smtp', {
      ready: () => transport.verify(),
      close: async () => transport.close(),
    });

    const deps: MailerDeps = {
      prisma,
      transport,
      logger,
      from: env.MAIL_FROM,
      verifyEmailUrl: env.VERIFY_EMAIL_URL,
      resetPasswordUrl: env.RESET_PASSWORD_URL,
      confirmEmailUrl: env.CONFIRM_EMAIL_URL,
      emailTokens: emailTokenCipher(
        loadSecretKey({ value: env.EMAIL_TOKEN_KEY, devKeyFile: env.emailTokenKeyFile }),
      ),
    };
    await startServiceEvents(resources, {
      service: 'mailer',
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ...kafkaDurability(env),
      logger,
      consumer: {
        groupId: env.KAFKA_GROUP_ID,
        fromBeginning: env.MAILER_FROM_BEGINNING,
        subscriptions: [
          on(userRegistered, onUserRegistered(deps)),
          on(emailVerificationRequested, onVerificationRequested(deps)),
          on(accountDeleted, onAccountDeleted(deps)),
          on(passwordResetRequested, onPasswordResetRequested(deps)),
          on(passwordChanged, onPasswordChanged(deps)),
          on(emailChangeRequested, onEmailChangeRequested(deps)),
          on(emailChanged, onEmailChanged(deps)),
        ],
      },
    });
    return { host: env.HOST, port: env.PORT };
  });
}
