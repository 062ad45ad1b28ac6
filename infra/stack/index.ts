/**
 * The local stack as a library, for tests that need a stack of their own (the fault-injection
 * suite): a complete second stack — its own Redis, Kafka (1 or 3 brokers), Neo4j, mail catcher
 * and services on other ports, its own state dir, its own databases on the shared Postgres —
 * started and stopped without touching the default stack others' tests run against.
 *
 * ```ts
 * const env = secondStackEnv({ stateDir: '/tmp/flock-faults', kafkaBrokers: 3 });
 * await startStack(env);                       // infrastructure, migrations, services
 * process.kill(pidOf('kafka-2', env.FLOCK_STATE_DIR)!, 'SIGKILL');
 * process.kill(pidOf('feed-worker', env.FLOCK_STATE_DIR)!, 'SIGSTOP');
 * await startStack(env);                       // starts again whatever stopped answering
 * await stopStack(env);
 * ```
 */
import type { LocalStack } from '@flock/env';
import { stackPaths } from './paths';
import { ensurePrismaClients } from './prisma';
import { processes } from './processes';
import { setQuietProgress } from './progress';
import { down, localStackFromEnv, startAll, status, up } from './stack';
import { type SupervisedState, supervisedState } from './supervision';

export type { LocalStack } from '@flock/env';
export type { Component } from './component';
export { type StackPaths, stackPaths } from './paths';
export { type Processes, processes } from './processes';
export { tracingEnv } from './services';
export { components, down, services, startAll, status, traceViewer, up } from './stack';
export {
  defaultRestartPolicy,
  describeSupervised,
  type RestartPolicy,
  restartDelayMs,
  type SupervisedState,
  startSupervised,
  stopSupervised,
  supervisedState,
} from './supervision';

export type StackEnv = Record<string, string | undefined>;

export interface StackOptions {
  /** Start the services too (default) or the infrastructure alone. */
  services?: boolean;
  /** Print only failures (default true: tests read their own output). */
  quiet?: boolean;
}

/**
 * The environment of a complete second stack: every port is the default one plus `offset`
 * (Kafka 19092 or 19092,19094,19096, Neo4j 17687, Redis 16379, SMTP 11025, inbox 11080,
 * Zipkin 19411, gateway 14000, ...), the state in `stateDir`, the databases prefixed with
 * `dbPrefix` on the same Postgres (POSTGRES_URL of `base`, else the default). `base` values
 * win, so any variable can still be overridden. Tracing is off unless `tracing: true`: a
 * second stack is for tests, which need no Zipkin (nor its JVM's start-up time).
 */
export function secondStackEnv({
  stateDir,
  offset = 10_000,
  kafkaBrokers = 1,
  dbPrefix = 'faults_',
  neo4jTransactionTimeout = '10s',
  tracing = false,
  base = {},
}: {
  stateDir: string;
  offset?: number;
  kafkaBrokers?: 1 | 3;
  dbPrefix?: string;
  /** NEO4J_TRANSACTION_TIMEOUT: 500ms, 10s, 2m; 0 = unbounded. */
  neo4jTransactionTimeout?: string;
  /** Start Zipkin (ZIPKIN_PORT + offset) and export the services' spans to it (FLOCK_TRACING). */
  tracing?: boolean;
  base?: StackEnv;
}): StackEnv & { FLOCK_STATE_DIR: string } {
  const port = (p: number) => String(p + offset);
  const brokers = Array.from({ length: kafkaBrokers }, (_, i) => `127.0.0.1:${port(9092 + 2 * i)}`);
  return {
    POSTGRES_URL: process.env.POSTGRES_URL,
    POSTGRES_DB_PREFIX: dbPrefix,
    REDIS_URL: `redis://127.0.0.1:${port(6379)}`,
    FLOCK_REDIS_CLUSTER_PORT: port(6380),
    KAFKA_BROKERS: brokers.join(','),
    NEO4J_URI: `bolt://127.0.0.1:${port(7687)}`,
    NEO4J_TRANSACTION_TIMEOUT: neo4jTransactionTimeout,
    SMTP_URL: `smtp://127.0.0.1:${port(1025)}`,
    MAIL_WEB_PORT: port(1080),
    ZIPKIN_PORT: port(9411),
    FLOCK_TRACING: tracing ? 'on' : 'off',
    GATEWAY_PORT: port(4000),
    IDENTITY_PORT: port(4001),
    NETWORK_PORT: port(4002),
    POSTS_PORT: port(4003),
    FEED_PORT: port(4004),
    MAILER_PORT: port(4010),
    FEED_WORKER_PORT: port(4011),
    NETWORK_WORKER_PORT: port(4012),
    ...base,
    FLOCK_STATE_DIR: base.FLOCK_STATE_DIR ?? stateDir,
  };
}

/**
 * The stack `env` describes (only `env`: the caller's process.env is not read, so nothing of
 * the default stack leaks in). Refuses an env that would share anything with the default
 * stack but the Postgres server: its state dir, a port, or (on the same server) databases.
 */
export function isolatedStack(env: StackEnv): LocalStack {
  const stack = localStackFromEnv(env);
  const shared = localStackFromEnv({});
  const clashes: string[] = [];
  if (!env.FLOCK_STATE_DIR || stack.stateDir === shared.stateDir) clashes.push('FLOCK_STATE_DIR');
  if (stack.redisUrl === shared.redisUrl) clashes.push('REDIS_URL');
  if (stack.kafkaBrokers.some((b) => shared.kafkaBrokers.includes(b)))
    clashes.push('KAFKA_BROKERS');
  if (stack.neo4jUri === shared.neo4jUri) clashes.push('NEO4J_URI');
  if (stack.smtpUrl === shared.smtpUrl) clashes.push('SMTP_URL');
  if (stack.mailWebUrl === shared.mailWebUrl) clashes.push('MAIL_WEB_PORT');
  if (stack.tracing && stack.zipkinUrl === shared.zipkinUrl) clashes.push('ZIPKIN_PORT');
  for (const [name, port] of Object.entries(stack.ports)) {
    if (Object.values(shared.ports).includes(port)) clashes.push(`${name} port ${port}`);
  }
  if (!stack.postgresDbPrefix) clashes.push('POSTGRES_DB_PREFIX');
  if (clashes.length > 0) {
    throw new Error(`this env shares with the default stack: ${clashes.join(', ')}`);
  }
  return stack;
}

/**
 * Brings up the stack `env` describes (see `isolatedStack`): starts whatever does not
 * answer, creates the topics, migrates the databases, then starts every service under its
 * supervisor; resolves once all are ready. Idempotent: after a fault, it starts only what
 * stopped answering. Returns the resolved stack (ports, URLs, state dir).
 */
export async function startStack(env: StackEnv, options: StackOptions = {}): Promise<LocalStack> {
  const stack = isolatedStack(env);
  setQuietProgress(options.quiet ?? true);
  try {
    ensurePrismaClients();
    if (options.services === false) await up(stack);
    else await startAll(stack, withoutUndefined(env));
    return stack;
  } finally {
    setQuietProgress(false);
  }
}

/** Stops everything `startStack(env)` started (services first, supervisors without restarts). */
export async function stopStack(env: StackEnv, options: StackOptions = {}): Promise<void> {
  const stack = isolatedStack(env);
  setQuietProgress(options.quiet ?? true);
  try {
    await down(stack);
  } finally {
    setQuietProgress(false);
  }
}

/** Prints `infra:status` for the stack `env` describes; true when everything answers. */
export async function stackStatus(env: StackEnv): Promise<boolean> {
  return status(isolatedStack(env));
}

/**
 * The pid to signal to hurt one component of the stack in `stateDir`: a service's own
 * process (not its supervisor, which restarts it: SIGKILL → restarted after the backoff,
 * SIGSTOP → frozen until SIGCONT), or the process of `redis`, `mail`, `neo4j`, `kafka` /
 * `kafka-1`..`kafka-3`, `zipkin` (JVMs, not supervised: they stay down until `startStack` again).
 * Undefined when this stack runs no such process (e.g. an external Redis).
 */
export function pidOf(name: string, stateDir: string): number | undefined {
  const procs = processes(stackPaths(stateDir));
  const state = supervisedState(procs, name);
  return state ? state.pid : procs.trackedPid(name);
}

/** A supervised service's restarts and last exit (undefined for unsupervised components). */
export function serviceState(name: string, stateDir: string): SupervisedState | undefined {
  return supervisedState(processes(stackPaths(stateDir)), name);
}

function withoutUndefined(env: StackEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}
