import { join } from 'node:path';
import { databaseUrlFor } from '@flock/db';
import {
  envPort,
  kafkaModel,
  loadEnv,
  localStack,
  postgresModel,
  redisModel,
  requiredInProduction,
  serviceModel,
  tokenModel,
} from '@flock/env';
import { z } from 'zod';

const identityModel = z
  .object({
    ...serviceModel.shape,
    ...tokenModel.shape,
    ...postgresModel.shape,
    ...kafkaModel.shape,
    ...redisModel.shape,
    PORT: envPort.default(localStack.ports.identity),
    /** Overrides the database derived from POSTGRES_URL (db "identity"). */
    DATABASE_URL: z.url().optional(),
    /** Private Ed25519 JWK (JSON). Required in production; generated in development. */
    JWT_PRIVATE_KEY: z.string().optional(),
    /** 32 bytes, base64url: seals verification tokens for the mailer. Required in production. */
    EMAIL_TOKEN_KEY: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    DEV_KEYS_DIR: z.string().default(localStack.devKeysDir),
  })
  .superRefine(requiredInProduction(['JWT_PRIVATE_KEY', 'EMAIL_TOKEN_KEY']));

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;

export function loadIdentityEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(identityModel, source);
  return {
    ...env,
    databaseUrl: env.DATABASE_URL ?? databaseUrlFor(env.POSTGRES_URL, 'identity'),
    signingKeyFile: join(env.DEV_KEYS_DIR, 'identity-signing.jwk'),
    emailTokenKeyFile: join(env.DEV_KEYS_DIR, 'email-token.key'),
  };
}
