import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envPort, loadEnv } from './load-env';

/**
 * Where the local stack listens: the one place for ports and URLs. Each can be overridden
 * with the environment variable of the same name; services read the same variables.
 */
const stackModel = z.object({
  POSTGRES_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** The local 3-master Redis Cluster's first port (the others follow); `npm test` starts it. */
  FLOCK_REDIS_CLUSTER_PORT: envPort.default(6380),
  /** `cluster`: `npm start` starts the local Redis Cluster and points every service at it. */
  FLOCK_REDIS: z.enum(['standalone', 'cluster']).default('standalone'),
  KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  /** How the stack creates topics; by default 3 copies, min ISR 2 on 3 brokers, else 1 and 1. */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(32).optional(),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(32).optional(),
  NEO4J_URI: z.string().default('bolt://127.0.0.1:7687'),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_WEB_PORT: envPort.default(1080),
  /** The local trace viewer (Zipkin): UI at /zipkin/, spans accepted at /api/v2/spans. */
  ZIPKIN_PORT: envPort.default(9411),
  /** `off`: the stack starts no Zipkin and gives the services no trace exporter endpoint. */
  FLOCK_TRACING: z.enum(['on', 'off']).default('on'),
  /** The share of new traces the local services keep (every one by default; 0.1 as in production). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /**
   * How traces follow work in the local services: async (every database call a span too),
   * explicit, or production (each service's own default: explicit for the HTTP services,
   * async for the workers).
   */
  FLOCK_TRACE_CONTEXT: z.enum(['async', 'explicit', 'production']).default('async'),
  GATEWAY_PORT: envPort.default(4000),
  IDENTITY_PORT: envPort.default(4001),
  NETWORK_PORT: envPort.default(4002),
  POSTS_PORT: envPort.default(4003),
  FEED_PORT: envPort.default(4004),
  FEED_WORKER_PORT: envPort.default(4011),
  NETWORK_WORKER_PORT: envPort.default(4012),
  MAILER_PORT: envPort.default(4010),
  /** Data, logs and pid files of this stack (default <repo>/.flock); a second stack sets its own. */
  FLOCK_STATE_DIR: z.string().optional(),
  /** Prepended to each service's database name (identity → faults_identity), so a second
   *  stack can share the Postgres server without sharing its databases. */
  POSTGRES_DB_PREFIX: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _, not starting with a digit')
    .default(''),
  /** Neo4j kills a transaction running longer (db.transaction.timeout): 500ms, 10s, 2m; 0 = off. */
  NEO4J_TRANSACTION_TIMEOUT: z
    .string()
    .regex(/^(0|\d+(ms|s|m))$/, 'a duration such as 500ms, 10s or 2m (0 = unbounded)')
    .default('10s')
    .transform(durationMs),
});

function durationMs(text: string): number {
  const [, amount = '0', unit = 'ms'] = /^(\d+)(ms|s|m)?$/.exec(text) ?? [];
  return Number(amount) * (unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1);
}

/** The services of `npm start`, with the port each listens on. */
export type ServiceName =
  | 'gateway'
  | 'identity'
  | 'network'
  | 'network-worker'
  | 'posts'
  | 'feed'
  | 'feed-worker'
  | 'mailer';

export interface LocalStack {
  postgresUrl: string;
  /** Prepended to each service's database name on the Postgres server ('' by default). */
  postgresDbPrefix: string;
  redisUrl: string;
  /** The local Redis Cluster's 3 masters (redis:// URLs). */
  redisClusterNodes: string[];
  /** Whether the services use the local Redis Cluster instead of `redisUrl` (FLOCK_REDIS). */
  redisMode: 'standalone' | 'cluster';
  /** The first of `kafkaBrokers` (a bootstrap address). */
  kafkaBroker: string;
  /** Every broker of KAFKA_BROKERS: one starts a single node, three a 3-node KRaft cluster. */
  kafkaBrokers: string[];
  /** The topics' durability (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS). */
  kafkaTopics: { replicationFactor: number; minInsyncReplicas: number };
  neo4jUri: string;
  /** Server-side transaction timeout of the local Neo4j (ms, 0 = unbounded). */
  neo4jTransactionTimeoutMs: number;
  smtpUrl: string;
  mailWebUrl: string;
  /** The local Zipkin (FLOCK_TRACING=on, the default): http://127.0.0.1:<ZIPKIN_PORT>. */
  zipkinUrl: string;
  /** Whether the stack runs Zipkin and the services export their spans to it (FLOCK_TRACING). */
  tracing: boolean;
  /** The share of new traces the services keep (OTEL_TRACES_SAMPLER_ARG, default 1). */
  traceSampleRatio: number;
  /** FLOCK_TRACE_CONTEXT of the services (default async: every database call a span). */
  traceContext: 'async' | 'explicit' | 'production';
  ports: Record<ServiceName, number>;
  /** Where the gateway finds each subgraph, and everyone finds identity's JWKS. */
  subgraphUrl: (name: ServiceName) => string;
  jwksUrl: string;
  /** Data, logs and pid files of the stack: FLOCK_STATE_DIR, else <repo>/.flock (git-ignored). */
  stateDir: string;
  /** Development keys generated at first start, in the state dir (git-ignored). */
  devKeysDir: string;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function resolveLocalStack(source: Record<string, string | undefined>): LocalStack {
  const env = loadEnv(stackModel, source);
  const ports: Record<ServiceName, number> = {
    gateway: env.GATEWAY_PORT,
    identity: env.IDENTITY_PORT,
    network: env.NETWORK_PORT,
    'network-worker': env.NETWORK_WORKER_PORT,
    posts: env.POSTS_PORT,
    feed: env.FEED_PORT,
    'feed-worker': env.FEED_WORKER_PORT,
    mailer: env.MAILER_PORT,
  };
  const kafkaBrokers = env.KAFKA_BROKERS.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  const replicationFactor = env.KAFKA_REPLICATION_FACTOR ?? (kafkaBrokers.length >= 3 ? 3 : 1);
  const minInsyncReplicas = env.KAFKA_MIN_INSYNC_REPLICAS ?? (replicationFactor >= 3 ? 2 : 1);
  const stateDir = env.FLOCK_STATE_DIR ? resolve(env.FLOCK_STATE_DIR) : join(repoRoot, '.flock');
  return {
    postgresUrl: env.POSTGRES_URL,
    postgresDbPrefix: env.POSTGRES_DB_PREFIX,
    redisUrl: env.REDIS_URL,
    redisClusterNodes: [0, 1, 2].map(
      (i) => `redis://127.0.0.1:${env.FLOCK_REDIS_CLUSTER_PORT + i}`,
    ),
    redisMode: env.FLOCK_REDIS,
    kafkaBroker: kafkaBrokers[0] ?? '127.0.0.1:9092',
    kafkaBrokers: kafkaBrokers.length > 0 ? kafkaBrokers : ['127.0.0.1:9092'],
    kafkaTopics: { replicationFactor, minInsyncReplicas },
    neo4jUri: env.NEO4J_URI,
    neo4jTransactionTimeoutMs: env.NEO4J_TRANSACTION_TIMEOUT,
    smtpUrl: env.SMTP_URL,
    mailWebUrl: `http://127.0.0.1:${env.MAIL_WEB_PORT}`,
    zipkinUrl: `http://127.0.0.1:${env.ZIPKIN_PORT}`,
    tracing: env.FLOCK_TRACING === 'on',
    traceSampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
    traceContext: env.FLOCK_TRACE_CONTEXT,
    ports,
    subgraphUrl: (name) => `http://127.0.0.1:${ports[name]}/graphql`,
    jwksUrl: `http://127.0.0.1:${ports.identity}/.well-known/jwks.json`,
    stateDir,
    devKeysDir: join(stateDir, 'keys'),
  };
}

/** The defaults alone (no environment), used as model defaults. */
export const localStack: LocalStack = resolveLocalStack({});
