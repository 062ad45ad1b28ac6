import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Applies a Prisma migrations folder with plain SQL, recording each migration in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, same sha256
 * checksum), so either tool can take over a database the other one migrated. Exists because
 * the Prisma 7 CLI cannot migrate on machines that cannot download its schema engine.
 */
export interface MigrateOptions {
  databaseUrl: string;
  migrationsDir: string;
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it serialises concurrent migrators of the same database.
const LOCK_KEY = 72_707_369;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Creates the database when missing, then applies pending migrations; returns their names. */
export async function migrate({ databaseUrl, migrationsDir }: MigrateOptions): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');

    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new Error(
        `migration ${failed.migration_name} failed earlier; fix the database, then mark it rolled back`,
      );
    }
    const applied = new Map(
      rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]),
    );
    const pending: MigrationFile[] = [];
    for (const migration of readMigrations(migrationsDir)) {
      const checksum = applied.get(migration.name);
      if (checksum === undefined) pending.push(migration);
      else if (checksum !== migration.checksum) {
        throw new Error(`migration ${migration.name} was changed after it was applied`);
      }
    }

    for (const migration of pending) {
      const id = randomUUID();
      await client.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
        [id, migration.checksum, migration.name],
      );
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const message = error instanceof Error ? error.message : String(error);
        await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [
          id,
          message,
        ]);
        throw new Error(`migration ${migration.name} failed: ${message}`);
      }
      await client.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function ensureDatabase(databaseUrl: string): Promise<void> {
  // A managed database usually exists already, and its user may not be allowed on the
  // server's `postgres` database: only a database that does not exist (3D000) is created.
  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    await probe.end().catch(() => {});
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * The URL of database `name` on the server of `postgresUrl`. `prefix` (POSTGRES_DB_PREFIX,
 * '' by default) lets a second stack share the server: `faults_` + `identity`.
 */
export function databaseUrlFor(postgresUrl: string, name: string, prefix = ''): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${prefix}${name}`;
  return url.toString();
}
