import { verifierFromEnv } from '@flock/auth';
import { postgresOutbox } from '@flock/db';
import {
  allTopics,
  createKafka,
  EventPublisher,
  ensureTopics,
  startOutboxRelay,
} from '@flock/events';
import type { Logger } from '@flock/logger';
import { type RunningService, startHttpServer } from '@flock/service';
import { PrismaPg } from '@prisma/adapter-pg';
import { Posts } from './domain/posts';
import type { PostsEnv } from './env';
import { PrismaClient } from './generated/prisma/client';
import { createPostsServer } from './server';

export interface PostsHooks {
  /** Called for every database operation (tests count queries with it). */
  onQuery?: (model: string, operation: string) => void;
}

export function createPrisma(databaseUrl: string, hooks: PostsHooks = {}) {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  if (!hooks.onQuery) return client;
  const onQuery = hooks.onQuery;
  return client.$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          onQuery(model, operation);
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

/** Connects Postgres and Kafka, starts the outbox relay and the subgraph. */
export async function startPosts(
  env: PostsEnv,
  logger: Logger,
  hooks: PostsHooks = {},
): Promise<RunningService> {
  const prisma = createPrisma(env.databaseUrl, hooks);
  const kafka = createKafka({
    clientId: env.KAFKA_CLIENT_ID ?? 'posts',
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(kafka, allTopics);
  const publisher = await EventPublisher.connect(kafka, 'posts');
  const relay = startOutboxRelay({ store: postgresOutbox(prisma), publisher, logger });
  const posts = new Posts({ prisma, onOutboxWrite: () => relay.kick() });

  const { apollo, handler } = await createPostsServer({
    posts,
    logger,
    verifyAccessToken: verifierFromEnv(env),
  });
  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    handler,
    readiness: {
      postgres: () => prisma.$queryRaw`SELECT 1`,
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
      { name: 'postgres', close: () => prisma.$disconnect() },
    ],
  };
}
