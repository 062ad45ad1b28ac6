import { join } from 'node:path';
import { databaseUrlFor } from '@flock/db';
import {
  envBool,
  envPort,
  kafkaModel,
  loadEnv,
  localStack,
  postgresModel,
  requiredInProduction,
  serviceModel,
  smtpModel,
} from '@flock/env';
import { z } from 'zod';

const mailerModel = z
  .object({
    ...serviceModel.shape,
    ...postgresModel.shape,
    ...kafkaModel.shape,
    ...smtpModel.shape,
    /** Health endpoints only; the mailer serves no API. */
    PORT: envPort.default(localStack.ports.mailer),
    DATABASE_URL: z.url().optional(),
    /** The app page that receives `?token=` and calls the verifyEmail mutation. */
    VERIFY_EMAIL_URL: z.url().default('http://localhost:3000/verify-email'),
    /** The app page that receives `?token=` and calls resetPassword. */
    RESET_PASSWORD_URL: z.url().default('http://localhost:3000/reset-password'),
    /** The app page that receives `?token=` and calls confirmEmailChange. */
    CONFIRM_EMAIL_URL: z.url().default('http://localhost:3000/confirm-email'),
    EMAIL_TOKEN_KEY: z.string().optional(),
    DEV_KEYS_DIR: z.string().default(localStack.devKeysDir),
    KAFKA_GROUP_ID: z.string().default('mailer'),
    /** Where a new consumer group starts: the whole history (true), or what arrives next. */
    MAILER_FROM_BEGINNING: envBool.default(true),
  })
  .superRefine(requiredInProduction(['EMAIL_TOKEN_KEY']));

export type MailerEnv = ReturnType<typeof loadMailerEnv>;

export function loadMailerEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(mailerModel, source);
  return {
    ...env,
    databaseUrl:
      env.DATABASE_URL ?? databaseUrlFor(env.POSTGRES_URL, 'mailer', env.POSTGRES_DB_PREFIX),
    emailTokenKeyFile: join(env.DEV_KEYS_DIR, 'email-token.key'),
  };
}
