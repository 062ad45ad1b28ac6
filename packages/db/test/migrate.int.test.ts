import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLocalStack } from '@flock/env';
import { uniqueId } from '@flock/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrlFor, migrate } from '../src';

const postgresUrl = resolveLocalStack(process.env).postgresUrl;
const dbName = uniqueId('migrate_test');
const databaseUrl = databaseUrlFor(postgresUrl, dbName);

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flock-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: databaseUrlFor(postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

describe('migrate', () => {
  const first = { '20260101000000_one': 'CREATE TABLE things (id INT PRIMARY KEY);' };

  it('creates the database, applies pending migrations once, and records them as Prisma does', async () => {
    expect(await migrate({ databaseUrl, migrationsDir: migrationsDir(first) })).toEqual([
      '20260101000000_one',
    ]);
    const second = {
      ...first,
      '20260102000000_two': 'ALTER TABLE things ADD COLUMN name TEXT;',
    };
    expect(await migrate({ databaseUrl, migrationsDir: migrationsDir(second) })).toEqual([
      '20260102000000_two',
    ]);
    expect(await migrate({ databaseUrl, migrationsDir: migrationsDir(second) })).toEqual([]);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(['20260101000000_one', '20260102000000_two']);
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.every((r) => r.applied_steps_count === 1)).toBe(true);
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = { '20260101000000_one': 'CREATE TABLE things (id BIGINT PRIMARY KEY);' };
    await expect(migrate({ databaseUrl, migrationsDir: migrationsDir(edited) })).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it('rolls back a failing migration and records the failure', async () => {
    const broken = {
      ...first,
      '20260102000000_two': 'ALTER TABLE things ADD COLUMN name TEXT;',
      '20260103000000_bad': 'CREATE TABLE half (id INT); SELECT * FROM missing_table;',
    };
    await expect(migrate({ databaseUrl, migrationsDir: migrationsDir(broken) })).rejects.toThrow(
      /20260103000000_bad failed: .*missing_table/,
    );
    expect(await query("SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    await expect(migrate({ databaseUrl, migrationsDir: migrationsDir(first) })).rejects.toThrow(
      /failed earlier/,
    );
  });
});
