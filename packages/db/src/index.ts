export { databaseUrlFor, type MigrateOptions, migrate, readMigrations } from './migrate';
export { outboxRowOf, postgresOutbox, type RawSqlClient, type TransactionalClient } from './outbox';
export { type PrismaLike, postgresAdapter, postgresResource } from './prisma-resource';
