import {
  createAccessTokenVerifier,
  emailTokenCipher,
  loadSecretKey,
  loadSigningKey,
  localKeys,
} from '@flock/auth';
import { postgresOutbox } from '@flock/db';
import {
  allTopics,
  createKafka,
  EventPublisher,
  ensureTopics,
  startOutboxRelay,
} from '@flock/events';
import type { Logger } from '@flock/logger';
import { connectRedis } from '@flock/redis';
import { type RunningService, startHttpServer } from '@flock/service';
import { PrismaPg } from '@prisma/adapter-pg';
import { accessTokenIssuer } from './domain/access-tokens';
import { Accounts } from './domain/accounts';
import { redisLoginLimiter } from './domain/login-limiter';
import type { IdentityEnv } from './env';
import { PrismaClient } from './generated/prisma/client';
import { createIdentityServer } from './server';

/** Connects everything identity needs and starts listening: used by main() and by tests. */
export async function startIdentity(env: IdentityEnv, logger: Logger): Promise<RunningService> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: env.databaseUrl }) });
  const redis = await connectRedis({ url: env.REDIS_URL, logger });

  const kafka = createKafka({
    clientId: env.KAFKA_CLIENT_ID ?? 'identity',
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(kafka, allTopics);
  const publisher = await EventPublisher.connect(kafka, 'identity');
  const relay = startOutboxRelay({ store: postgresOutbox(prisma), publisher, logger });

  const signingKey = await loadSigningKey({
    privateJwk: env.JWT_PRIVATE_KEY,
    devKeyFile: env.signingKeyFile,
  });
  const audience = { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  const accounts = new Accounts({
    prisma,
    issueAccessToken: accessTokenIssuer(signingKey, {
      ...audience,
      ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    }),
    emailTokens: emailTokenCipher(
      loadSecretKey({ value: env.EMAIL_TOKEN_KEY, devKeyFile: env.emailTokenKeyFile }),
    ),
    loginLimiter: redisLoginLimiter(redis),
    refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    verificationTtlHours: env.VERIFICATION_TTL_HOURS,
    onOutboxWrite: () => relay.kick(),
  });

  const { apollo, handler } = await createIdentityServer({
    accounts,
    signingKey,
    // Identity checks its own tokens with its own public key: no network hop.
    verifyAccessToken: createAccessTokenVerifier(localKeys(signingKey.jwks), audience),
    logger,
  });
  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    handler,
    readiness: {
      postgres: () => prisma.$queryRaw`SELECT 1`,
      redis: () => redis.ping(),
      outbox: relay.readiness,
    },
  });

  return {
    url: http.url,
    steps: [
      { name: 'http', close: () => http.close() },
      { name: 'apollo', close: () => apollo.stop() },
      { name: 'outbox relay', close: () => relay.stop() },
      { name: 'kafka', close: () => publisher.disconnect() },
      { name: 'redis', close: () => redis.quit() },
      { name: 'postgres', close: () => prisma.$disconnect() },
    ],
  };
}
