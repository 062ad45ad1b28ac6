import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databaseUrlFor, migrate } from '@flock/db';
import { repoRoot } from './paths';
import { progress } from './progress';

/** Each service that owns a Postgres database has prisma/<service>/ (db name = service). */
interface PrismaService {
  service: string;
  schema: string;
  migrations: string;
  /** Where `prisma generate` writes the client (the generator's output). */
  output: string;
}

function prismaServices(): PrismaService[] {
  const root = join(repoRoot, 'prisma');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'schema.prisma')))
    .map((e) => {
      const schema = join(root, e.name, 'schema.prisma');
      const output = /output\s*=\s*"([^"]+)"/.exec(readFileSync(schema, 'utf8'))?.[1];
      if (!output) throw new Error(`${schema} has no generator output`);
      return {
        service: e.name,
        schema,
        migrations: join(root, e.name, 'migrations'),
        output: resolve(root, e.name, output),
      };
    });
}

/**
 * Generates each Prisma client when missing or when its schema changed. The CLI never needs
 * the schema engine for this, so it is pointed at a stub (the engine cannot be downloaded here).
 */
export function ensurePrismaClients(): void {
  const prismaCli = join(repoRoot, 'node_modules', '.bin', 'prisma');
  for (const { service, schema, output } of prismaServices()) {
    const digest = createHash('sha256').update(readFileSync(schema)).digest('hex');
    const marker = join(output, '.schema-sha256');
    if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) continue;
    progress.step(`generating the Prisma client of ${service}`);
    const result = spawnSync(prismaCli, ['generate', '--schema', schema], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
      },
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`prisma generate failed for ${service}:\n${result.stderr}${result.stdout}`);
    writeFileSync(marker, digest);
  }
}

/**
 * Applies pending migrations of every service database (creating databases as needed);
 * `prefix` is POSTGRES_DB_PREFIX (a second stack's databases: faults_identity, ...).
 */
export async function migrateAll(postgresUrl: string, prefix = ''): Promise<void> {
  for (const { service, migrations } of prismaServices()) {
    const database = `${prefix}${service}`;
    const applied = await migrate({
      databaseUrl: databaseUrlFor(postgresUrl, service, prefix),
      migrationsDir: migrations,
    });
    if (applied.length > 0) progress.ok(`migrated ${database}: ${applied.join(', ')}`);
    else progress.ok(`database ${database} is up to date`);
  }
}
