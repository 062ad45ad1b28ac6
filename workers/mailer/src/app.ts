import { emailTokenCipher, loadSecretKey } from '@flock/auth';
import {
  allTopics,
  createKafka,
  ensureTopics,
  on,
  startConsumer,
  userRegistered,
} from '@flock/events';
import type { Logger } from '@flock/logger';
import { type RunningService, startHttpServer } from '@flock/service';
import { PrismaPg } from '@prisma/adapter-pg';
import nodemailer from 'nodemailer';
import type { MailerEnv } from './env';
import { onUserRegistered } from './events/on-user-registered';
import { PrismaClient } from './generated/prisma/client';

/** Starts the mailer's consumer and health server: used by main() and by tests. */
export async function startMailer(env: MailerEnv, logger: Logger): Promise<RunningService> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: env.databaseUrl }) });
  const transport = nodemailer.createTransport(env.SMTP_URL);

  const kafka = createKafka({
    clientId: env.KAFKA_CLIENT_ID ?? 'mailer',
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(kafka, allTopics);
  const consumer = await startConsumer({
    kafka,
    groupId: env.KAFKA_GROUP_ID,
    logger,
    fromBeginning: true,
    subscriptions: [
      on(
        userRegistered,
        onUserRegistered({
          prisma,
          transport,
          logger,
          from: env.MAIL_FROM,
          verifyEmailUrl: env.VERIFY_EMAIL_URL,
          emailTokens: emailTokenCipher(
            loadSecretKey({ value: env.EMAIL_TOKEN_KEY, devKeyFile: env.emailTokenKeyFile }),
          ),
        }),
      ),
    ],
  });

  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    readiness: {
      postgres: () => prisma.$queryRaw`SELECT 1`,
      kafka: consumer.readiness,
      smtp: () => transport.verify(),
    },
  });

  return {
    url: http.url,
    steps: [
      { name: 'http', close: () => http.close() },
      { name: 'consumer', close: () => consumer.stop() },
      { name: 'smtp', close: async () => transport.close() },
      { name: 'postgres', close: () => prisma.$disconnect() },
    ],
  };
}
