import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlFor, migrate } from '@flock/db';
import { loadEnv, neo4jModel, postgresModel, serviceModel } from '@flock/env';
import type { Logger } from '@flock/logger';
import { ensureGraphSchema } from '@flock/network/graph-schema';
import neo4j from 'neo4j-driver';
import { z } from 'zod';

/**
 * `prisma/` of the repo: two levels up from infra/jobs/ (the sources) and from dist/jobs/
 * (the build, and the images, which keep the repo's layout).
 */
export const prismaDir = join(import.meta.dirname, '..', '..', 'prisma');

/** The services that own a Postgres database (prisma/<service>/migrations), and Neo4j. */
export const postgresDatabases = ['identity', 'posts', 'mailer'] as const;
const targets = [...postgresDatabases, 'neo4j'] as const;
type Target = (typeof targets)[number];

const migrateModel = z.object({
  ...serviceModel.shape,
  ...postgresModel.shape,
  ...neo4jModel.shape,
  /** Each database's URL, when it is not POSTGRES_URL's server + the service's name (its own
   *  server, or its own credentials). */
  IDENTITY_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  POSTS_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  MAILER_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** What to migrate (comma-separated): identity, posts, mailer, neo4j; default all of them. */
  MIGRATE_TARGETS: z
    .string()
    .default(targets.join(','))
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .pipe(z.array(z.enum(targets)).min(1)),
});

export type MigrateEnv = z.infer<typeof migrateModel>;

export function loadMigrateEnv(source: Record<string, string | undefined>): MigrateEnv {
  return loadEnv(migrateModel, source);
}

/** The URL of a service's database: its own variable, else POSTGRES_URL's server. */
export function databaseUrlOf(env: MigrateEnv, service: (typeof postgresDatabases)[number]) {
  const own = {
    identity: env.IDENTITY_DATABASE_URL,
    posts: env.POSTS_DATABASE_URL,
    mailer: env.MAILER_DATABASE_URL,
  }[service];
  return own ?? databaseUrlFor(env.POSTGRES_URL, service, env.POSTGRES_DB_PREFIX);
}

/**
 * Applies pending Postgres migrations of each service's database (creating it when missing
 * and allowed) and the Neo4j constraints: what `node dist/jobs/migrate.js` does, once, before
 * services start. Idempotent; concurrent runs wait for each other (an advisory lock).
 */
export async function runMigrations(env: MigrateEnv, logger: Logger): Promise<void> {
  const wanted = new Set<Target>(env.MIGRATE_TARGETS);
  for (const service of postgresDatabases) {
    if (!wanted.has(service)) continue;
    const migrationsDir = join(prismaDir, service, 'migrations');
    if (!existsSync(migrationsDir)) throw new Error(`no migrations at ${migrationsDir}`);
    const applied = await migrate({ databaseUrl: databaseUrlOf(env, service), migrationsDir });
    logger.info({ database: service, applied }, applied.length ? 'migrated' : 'up to date');
  }
  if (wanted.has('neo4j')) {
    const auth = env.NEO4J_USER
      ? neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD ?? '')
      : undefined;
    const driver = neo4j.driver(env.NEO4J_URI, auth);
    try {
      await ensureGraphSchema(driver);
      logger.info({ database: 'neo4j' }, 'constraints and indexes in place');
    } finally {
      await driver.close();
    }
  }
}
