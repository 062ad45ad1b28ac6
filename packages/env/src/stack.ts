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
});

export interface LocalStack {
  postgresUrl: string;
  redisUrl: string;
  kafkaBroker: string;
  neo4jUri: string;
  smtpUrl: string;
  mailWebUrl: string;
}

export function resolveLocalStack(source: Record<string, string | undefined>): LocalStack {
  const env = loadEnv(stackModel, source);
  return {
    postgresUrl: env.POSTGRES_URL,
    redisUrl: env.REDIS_URL,
    kafkaBroker: env.KAFKA_BROKERS.split(',')[0]?.trim() ?? '127.0.0.1:9092',
    neo4jUri: env.NEO4J_URI,
    smtpUrl: env.SMTP_URL,
    mailWebUrl: `http://127.0.0.1:${env.MAIL_WEB_PORT}`,
  };
}

/** The defaults alone (no environment), used as model defaults. */
export const localStack: LocalStack = resolveLocalStack({});
