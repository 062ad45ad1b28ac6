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
import { parseOidcProviders } from './domain/oidc-providers';

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
    /** Public Ed25519 JWKs (a JSON array, or a JWKS) served and accepted beside the signing
     *  key but never signing: the keys being rotated out (see README, Security). */
    JWT_PREVIOUS_PUBLIC_KEYS: z.string().optional(),
    /** 32 bytes, base64url: seals verification tokens for the mailer. Required in production. */
    EMAIL_TOKEN_KEY: z.string().optional(),
    /** 32 bytes, base64url: derives successor refresh tokens. Identity's alone (the mailer has
     *  EMAIL_TOKEN_KEY): whoever holds it can compute a rotated token's successor. Required
     *  in production. */
    REFRESH_TOKEN_KEY: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A rotated refresh token presented again this soon gets the same successor (a
     *  concurrent refresh) instead of ending the session; 0 turns the grace off. */
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
    VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    /** resendVerificationEmail calls per account per hour (0 turns the limit off). */
    VERIFICATION_EMAILS_PER_HOUR: z.coerce.number().int().min(0).max(100).default(3),
    /** ...and per day (0 turns this limit off). */
    VERIFICATION_EMAILS_PER_DAY: z.coerce.number().int().min(0).max(1000).default(6),
    /** How long a password reset link works. */
    PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
    /** requestPasswordReset calls per address asked for, per hour (0 turns the limit off). */
    PASSWORD_RESETS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(0).max(100).default(3),
    /** ...and per client address, per hour (0 turns the limit off). */
    PASSWORD_RESETS_PER_HOUR_PER_CLIENT: z.coerce.number().int().min(0).default(20),
    /** How long the confirmation link of an email change works. */
    EMAIL_CHANGE_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(24),
    /** The OpenID Connect providers (a JSON array, see README, Accounts); none by default. */
    OIDC_PROVIDERS: z.string().optional(),
    /** How long a person may take at the provider, from startOidcSignIn to the callback. */
    OIDC_AUTHORIZATION_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
    /** How long a first sign-in's ticket waits for completeOidcSignUp. */
    OIDC_SIGN_UP_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    /** Registrations per client address per hour; 0 turns the limit off. Default: 10 in
     *  production, off elsewhere (tests and load tests register from one address). */
    REGISTRATIONS_PER_HOUR_PER_CLIENT: z.coerce.number().int().min(0).optional(),
    DEV_KEYS_DIR: z.string().default(localStack.devKeysDir),
  })
  .superRefine(requiredInProduction(['JWT_PRIVATE_KEY', 'EMAIL_TOKEN_KEY', 'REFRESH_TOKEN_KEY']));

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;

export function loadIdentityEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(identityModel, source);
  const production = env.NODE_ENV === 'production';
  const registrationsPerHour = env.REGISTRATIONS_PER_HOUR_PER_CLIENT ?? (production ? 10 : 0);
  // Production is secure by default; whatever weakens it was set explicitly and is logged at
  // start (see startIdentity).
  const weakened = production
    ? [
        ...(registrationsPerHour === 0
          ? ['REGISTRATIONS_PER_HOUR_PER_CLIENT=0: no registration limit']
          : []),
        ...(env.REFRESH_REUSE_GRACE_SECONDS > 10
          ? ['REFRESH_REUSE_GRACE_SECONDS > 10: a replayed refresh token goes unnoticed longer']
          : []),
      ]
    : [];
  return {
    ...env,
    oidcProviders: parseOidcProviders(env.OIDC_PROVIDERS),
    registrationsPerHour,
    weakened,
    databaseUrl:
      env.DATABASE_URL ?? databaseUrlFor(env.POSTGRES_URL, 'identity', env.POSTGRES_DB_PREFIX),
    signingKeyFile: join(env.DEV_KEYS_DIR, 'identity-signing.jwk'),
    emailTokenKeyFile: join(env.DEV_KEYS_DIR, 'email-token.key'),
    refreshTokenKeyFile: join(env.DEV_KEYS_DIR, 'refresh-token.key'),
  };
}
