import { PrismaPg } from '@prisma/adapter-pg';

/** What a service's Postgres resource needs of a Prisma client (any generated one). */
export interface PrismaLike {
  $queryRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<unknown>;
  $disconnect(): Promise<void>;
}

/** Where a started resource is registered (`ResourceRegistry` of @flock/service). */
interface Registry {
  add(
    name: string,
    resource: { ready?: () => Promise<unknown>; close: () => Promise<unknown> },
  ): void;
}

/**
 * Registers a service's Prisma client as its `postgres` resource: ready while a query
 * answers, disconnected at shutdown. Returns the client.
 */
export function postgresResource<P extends PrismaLike>(resources: Registry, prisma: P): P {
  resources.add('postgres', {
    ready: async () => prisma.$queryRaw`SELECT 1`,
    close: () => prisma.$disconnect(),
  });
  return prisma;
}

/**
 * The Prisma driver adapter of a service's database, every call bounded: Postgres cancels a
 * statement after `statementTimeoutMs`, the client gives up on a reply a second later (a
 * frozen server or network), and on a connection after `statementTimeoutMs`.
 */
export function postgresAdapter(databaseUrl: string, statementTimeoutMs: number): PrismaPg {
  return new PrismaPg({
    connectionString: databaseUrl,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    connectionTimeoutMillis: statementTimeoutMs,
  });
}
