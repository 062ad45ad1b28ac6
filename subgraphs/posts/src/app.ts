import { verifierFromEnv } from '@flock/auth';
import { postgresAdapter, postgresOutbox, postgresResource } from '@flock/db';
import { accountDeleted, kafkaDurability, on, startServiceEvents } from '@flock/events';
import type { Logger } from '@flock/logger';
import { type RunningService, startService } from '@flock/service';
import { Posts } from './domain/posts';
import type { PostsEnv } from './env';
import { onAccountDeleted } from './events/on-account-deleted';
import { PrismaClient } from './generated/prisma/client';
import { startPostsServer } from './server';

export interface PostsHooks {
  /** Called for every database operation (tests count queries with it). */
  onQuery?: (model: string, operation: string) => void;
}

export function createPrisma(
  databaseUrl: string,
  hooks: PostsHooks = {},
  statementTimeoutMs = 3_000,
) {
  const client = new PrismaClient({ adapter: postgresAdapter(databaseUrl, statementTimeoutMs) });
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

/**
 * Connects Postgres and Kafka, starts the outbox relay, the consumer of account deletions
 * (in the subgraph's process: one small topic, no worker of its own) and the subgraph.
 */
export function startPosts(
  env: PostsEnv,
  logger: Logger,
  hooks: PostsHooks = {},
): Promise<RunningService> {
  return startService(logger, async (resources) => {
    const prisma = postgresResource(
      resources,
      createPrisma(env.databaseUrl, hooks, env.POSTGRES_STATEMENT_TIMEOUT_MS),
    );
    let wakeRelay = () => {};
    const events = await startServiceEvents(resources, {
      service: 'posts',
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ...kafkaDurability(env),
      logger,
      outbox: postgresOutbox(prisma),
      consumer: {
        groupId: env.KAFKA_GROUP_ID,
        fromBeginning: env.POSTS_FROM_BEGINNING,
        subscriptions: [
          on(
            accountDeleted,
            onAccountDeleted(prisma, logger, () => wakeRelay()),
          ),
        ],
      },
    });
    wakeRelay = events.kick;
    const posts = new Posts({ prisma, onOutboxWrite: events.kick });
    const verifyAccessToken = verifierFromEnv(env);
    resources.add('identity keys', { ready: verifyAccessToken.keysReady });
    const { handler } = await startPostsServer(resources, {
      posts,
      logger,
      verifyAccessToken,
    });
    return { host: env.HOST, port: env.PORT, handler };
  });
}
