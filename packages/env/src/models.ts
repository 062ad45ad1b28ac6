import { z } from 'zod';
import { envBool, envList } from './load-env';
import { localStack } from './stack';

/**
 * One zod model per concern. A service composes the ones it uses:
 * `loadEnv(z.object({ ...serviceModel.shape, ...redisModel.shape }), process.env)`.
 * Defaults point at the local stack that `npm run infra:up` starts (see ./stack.ts).
 */
export const serviceModel = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: envBool.default(false),
  HOST: z.string().default('127.0.0.1'),
});

export const postgresModel = z.object({
  POSTGRES_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(localStack.postgresUrl),
  /** A statement running longer is cancelled by Postgres (statement_timeout), and a client
   *  waits no longer than this for a reply or a connection: a stuck database costs this. */
  POSTGRES_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3_000),
  /** Prepended to the service's database name (a second stack on the same server). */
  POSTGRES_DB_PREFIX: z
    .string()
    .regex(/^([a-z_][a-z0-9_]*)?$/)
    .default(''),
});

export const redisModel = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default(localStack.redisUrl),
  /** A Redis Cluster instead (REDIS_URL is then unused): some of its nodes, comma-separated
   *  redis:// URLs (credentials in the first apply to all); the client learns the rest. */
  REDIS_CLUSTER_NODES: envList.pipe(z.array(z.url({ protocol: /^rediss?$/ }))).optional(),
  /** A Redis command with no reply by then fails (a frozen Redis costs this, not a hang);
   *  0 turns the timer off (the feed worker's fan-out, where it costs a quarter of the rate). */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
});

export const kafkaModel = z.object({
  KAFKA_BROKERS: envList.default([localStack.kafkaBroker]),
  KAFKA_CLIENT_ID: z.string().optional(),
  /** Copies of each topic partition created at start-up: 1 locally, 3 in production. */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(32).default(1),
  /** Replicas that must hold a write before an acks=all producer is answered (topic config);
   *  2 with a replication factor of 3 keeps writing through one broker down. */
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(32).default(1),
  /** Producer acks: all (= -1, every in-sync replica), 1 (leader only) or 0 (none). */
  KAFKA_PRODUCER_ACKS: z
    .enum(['all', '-1', '1', '0'])
    .default('all')
    .transform((v): -1 | 0 | 1 => (v === 'all' || v === '-1' ? -1 : v === '1' ? 1 : 0)),
});

/** The Kafka settings every service composes into its env (parsed). */
export type KafkaEnv = z.infer<typeof kafkaModel>;

export const neo4jModel = z.object({
  NEO4J_URI: z.url({ protocol: /^(bolt|neo4j)(\+s|\+ssc)?$/ }).default(localStack.neo4jUri),
  NEO4J_USER: z.string().optional(),
  NEO4J_PASSWORD: z.string().optional(),
});

export const smtpModel = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).default(localStack.smtpUrl),
  MAIL_FROM: z.string().default('Flock <no-reply@flock.local>'),
});

/** Who issues access tokens and for whom: identity signs with these, everyone checks them. */
export const tokenModel = z.object({
  JWT_ISSUER: z.string().min(1).default('urn:flock:identity'),
  JWT_AUDIENCE: z.string().min(1).default('urn:flock:api'),
});

/** Services that verify access tokens: the token settings plus where identity's JWKS is. */
export const tokenVerificationModel = z.object({
  ...tokenModel.shape,
  IDENTITY_JWKS_URL: z.url().default(localStack.jwksUrl),
});
