import { dirname, join } from 'node:path';
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
  KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  NEO4J_URI: z.string().default('bolt://127.0.0.1:7687'),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_WEB_PORT: envPort.default(1080),
  GATEWAY_PORT: envPort.default(4000),
  IDENTITY_PORT: envPort.default(4001),
  NETWORK_PORT: envPort.default(4002),
  POSTS_PORT: envPort.default(4003),
  FEED_PORT: envPort.default(4004),
  FEED_WORKER_PORT: envPort.default(4011),
  NETWORK_WORKER_PORT: envPort.default(4012),
  MAILER_PORT: envPort.default(4010),
});

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
  redisUrl: string;
  kafkaBroker: string;
  neo4jUri: string;
  smtpUrl: string;
  mailWebUrl: string;
  ports: Record<ServiceName, number>;
  /** Where the gateway finds each subgraph, and everyone finds identity's JWKS. */
  subgraphUrl: (name: ServiceName) => string;
  jwksUrl: string;
  /** Development keys generated at first start (git-ignored). */
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
  return {
    postgresUrl: env.POSTGRES_URL,
    redisUrl: env.REDIS_URL,
    kafkaBroker: env.KAFKA_BROKERS.split(',')[0]?.trim() ?? '127.0.0.1:9092',
    neo4jUri: env.NEO4J_URI,
    smtpUrl: env.SMTP_URL,
    mailWebUrl: `http://127.0.0.1:${env.MAIL_WEB_PORT}`,
    ports,
    subgraphUrl: (name) => `http://127.0.0.1:${ports[name]}/graphql`,
    jwksUrl: `http://127.0.0.1:${ports.identity}/.well-known/jwks.json`,
    devKeysDir: join(repoRoot, '.flock', 'keys'),
  };
}

/** The defaults alone (no environment), used as model defaults. */
export const localStack: LocalStack = resolveLocalStack({});
