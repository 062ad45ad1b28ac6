import {
  createAccessTokenVerifier,
  emailTokenCipher,
  loadSecretKey,
  loadSigningKey,
  localKeys,
} from '@flock/auth';
import { postgresAdapter, postgresOutbox, postgresResource } from '@flock/db';
import { kafkaDurability, startServiceEvents } from '@flock/events';
import type { Logger } from '@flock/logger';
import { closeRedis, connectRedis, redisTarget } from '@flock/redis';
import { type RunningService, startService } from '@flock/service';
import { accessTokenIssuer } from './domain/access-tokens';
import { Accounts } from './domain/accounts';
import {
  bothLimits,
  redisClientLimit,
  redisCredentialThrottle,
} from './domain/credential-throttle';
import { EmailChanges } from './domain/email-change';
import { OidcSignIn } from './domain/oidc';
import { PasswordResets } from './domain/password-reset';
import { Sessions } from './domain/sessions';
import type { IdentityEnv } from './env';
import { PrismaClient } from './generated/prisma/client';
import { startIdentityServer } from './server';

/** Connects everything identity needs and starts listening: used by bin/server and by tests. */
export function startIdentity(env: IdentityEnv, logger: Logger): Promise<RunningService> {
  for (const setting of env.weakened)
    logger.warn({ setting }, 'security weakened by configuration');
  return startService(logger, async (resources) => {
    const prisma = postgresResource(
      resources,
      new PrismaClient({
        adapter: postgresAdapter(env.databaseUrl, env.POSTGRES_STATEMENT_TIMEOUT_MS),
      }),
    );
    const redis = await connectRedis({
      ...redisTarget(env),
      commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      logger,
    });
    // Sign-in limits live in Redis: without it login and registration answer a coded error,
    // everything else works (a health detail, not readiness).
    resources.add('redis', { health: () => redis.ping(), close: () => closeRedis(redis) });
    const events = await startServiceEvents(resources, {
      service: 'identity',
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ...kafkaDurability(env),
      logger,
      outbox: postgresOutbox(prisma),
    });

    const signingKey = await loadSigningKey({
      privateJwk: env.JWT_PRIVATE_KEY,
      devKeyFile: env.signingKeyFile,
      previousPublicKeys: env.JWT_PREVIOUS_PUBLIC_KEYS,
    });
    const audience = { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
    const sessions = new Sessions({
      prisma,
      issueAccessToken: accessTokenIssuer(signingKey, {
        ...audience,
        ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      }),
      refreshTokenKey: loadSecretKey({
        value: env.REFRESH_TOKEN_KEY,
        devKeyFile: env.refreshTokenKeyFile,
        name: 'REFRESH_TOKEN_KEY',
      }),
      refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      reuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
    });
    const emailTokens = emailTokenCipher(
      loadSecretKey({
        value: env.EMAIL_TOKEN_KEY,
        devKeyFile: env.emailTokenKeyFile,
        name: 'EMAIL_TOKEN_KEY',
      }),
    );
    const passwordChangeThrottle = redisCredentialThrottle(redis, 'identity:password-change');
    const registrationLimit = redisClientLimit(redis, 'identity:registrations', {
      limit: env.registrationsPerHour,
      windowSeconds: 3600,
    });
    const accounts = new Accounts({
      prisma,
      sessions,
      emailTokens,
      loginThrottle: redisCredentialThrottle(redis, 'identity:login'),
      passwordChangeThrottle,
      registrationLimit,
      verificationEmailLimit: bothLimits(
        redisClientLimit(redis, 'identity:verification-emails', {
          limit: env.VERIFICATION_EMAILS_PER_HOUR,
          windowSeconds: 3600,
        }),
        // A cap per day too: an account squatting someone's address cannot mail them forever.
        redisClientLimit(redis, 'identity:verification-emails-daily', {
          limit: env.VERIFICATION_EMAILS_PER_DAY,
          windowSeconds: 86_400,
        }),
      ),
      verificationTtlHours: env.VERIFICATION_TTL_HOURS,
      logger,
      onOutboxWrite: events.kick,
    });

    const passwordResets = new PasswordResets({
      prisma,
      sessions,
      emailTokens,
      perAddressLimit: redisClientLimit(redis, 'identity:password-resets-address', {
        limit: env.PASSWORD_RESETS_PER_HOUR_PER_ADDRESS,
        windowSeconds: 3600,
      }),
      perClientLimit: redisClientLimit(redis, 'identity:password-resets-client', {
        limit: env.PASSWORD_RESETS_PER_HOUR_PER_CLIENT,
        windowSeconds: 3600,
      }),
      ttlMinutes: env.PASSWORD_RESET_TTL_MINUTES,
      logger,
      onOutboxWrite: events.kick,
    });
    const emailChanges = new EmailChanges({
      prisma,
      emailTokens,
      passwordThrottle: passwordChangeThrottle,
      // As many change links as verification links: each mails an address the caller chose.
      requestLimit: bothLimits(
        redisClientLimit(redis, 'identity:email-changes', {
          limit: env.VERIFICATION_EMAILS_PER_HOUR,
          windowSeconds: 3600,
        }),
        redisClientLimit(redis, 'identity:email-changes-daily', {
          limit: env.VERIFICATION_EMAILS_PER_DAY,
          windowSeconds: 86_400,
        }),
      ),
      ttlHours: env.EMAIL_CHANGE_TTL_HOURS,
      logger,
      onOutboxWrite: events.kick,
    });

    const oidc = new OidcSignIn({
      prisma,
      sessions,
      emailTokens,
      providers: env.oidcProviders,
      registrationLimit,
      authorizationTtlSeconds: env.OIDC_AUTHORIZATION_TTL_SECONDS,
      signUpTtlMinutes: env.OIDC_SIGN_UP_TTL_MINUTES,
      verificationTtlHours: env.VERIFICATION_TTL_HOURS,
      logger,
      onOutboxWrite: events.kick,
    });

    const { handler } = await startIdentityServer(resources, {
      accounts,
      sessions,
      passwordResets,
      emailChanges,
      oidc,
      signingKey,
      // Identity checks its own tokens with its own public keys (current and previous): no
      // network hop, and a key removed from the configuration is refused at once.
      verifyAccessToken: createAccessTokenVerifier(localKeys(signingKey.jwks), audience),
      logger,
    });
    return { host: env.HOST, port: env.PORT, handler };
  });
}
