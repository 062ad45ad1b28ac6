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
