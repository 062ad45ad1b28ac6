import { databaseUrlFor } from '@flock/db';
import {
  envBool,
  envPort,
  kafkaModel,
  loadEnv,
  localStack,
  postgresModel,
  serviceModel,
  tokenVerificationModel,
} from '@flock/env';
import { z } from 'zod';

const postsModel = z.object({
  ...serviceModel.shape,
  ...tokenVerificationModel.shape,
  ...postgresModel.shape,
  ...kafkaModel.shape,
  PORT: envPort.default(localStack.ports.posts),
  /** Overrides the database derived from POSTGRES_URL (db "posts"). */
  DATABASE_URL: z.url().optional(),
  /** The group consuming account deletions (identity.account-deleted.v1). */
  KAFKA_GROUP_ID: z.string().default('posts'),
  /** A new group applies every deletion ever made (true), or starts at the end (tests). */
  POSTS_FROM_BEGINNING: envBool.default(true),
});

export type PostsEnv = ReturnType<typeof loadPostsEnv>;

export function loadPostsEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(postsModel, source);
  return {
    ...env,
    databaseUrl:
      env.DATABASE_URL ?? databaseUrlFor(env.POSTGRES_URL, 'posts', env.POSTGRES_DB_PREFIX),
  };
}
