import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseUrlOf, loadMigrateEnv, postgresDatabases, prismaDir } from '../jobs/migrate';
import { loadCreateTopicsEnv, topicSettingsOf } from '../jobs/topics';

describe('the migrate job', () => {
  it('knows every database that has migrations under prisma/', () => {
    const folders = readdirSync(prismaDir).filter((name) =>
      readdirSync(join(prismaDir, name)).includes('migrations'),
    );
    expect([...postgresDatabases].sort()).toEqual(folders.sort());
  });

  it('migrates everything by default, each database on POSTGRES_URL unless given its own', () => {
    const env = loadMigrateEnv({
      POSTGRES_URL: 'postgres://flock@db.internal:5432/postgres',
      POSTS_DATABASE_URL: 'postgres://posts:pw@posts-db:5432/posts',
    });
    expect(env.MIGRATE_TARGETS).toEqual(['identity', 'posts', 'mailer', 'neo4j']);
    expect(databaseUrlOf(env, 'identity')).toBe('postgres://flock@db.internal:5432/identity');
    expect(databaseUrlOf(env, 'posts')).toBe('postgres://posts:pw@posts-db:5432/posts');
  });

  it('takes a subset, and refuses a target it does not know', () => {
    expect(loadMigrateEnv({ MIGRATE_TARGETS: 'neo4j, mailer' }).MIGRATE_TARGETS).toEqual([
      'neo4j',
      'mailer',
    ]);
    expect(() => loadMigrateEnv({ MIGRATE_TARGETS: 'identity,redis' })).toThrow(/MIGRATE_TARGETS/);
  });
});

describe('the create-topics job', () => {
  it('creates topics with the partitions, replication and min.insync.replicas it is given', () => {
    const env = loadCreateTopicsEnv({
      KAFKA_TOPIC_PARTITIONS: '12',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(topicSettingsOf(env)).toEqual({
      partitions: 12,
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    expect(topicSettingsOf(loadCreateTopicsEnv({})).partitions).toBe(6);
  });
});
