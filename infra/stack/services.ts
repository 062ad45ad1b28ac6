import { join } from 'node:path';
import { databaseUrlFor } from '@flock/db';
import type { LocalStack, ServiceName } from '@flock/env';
import type { Component } from './component';
import { repoRoot } from './paths';
import { isAlive, type Processes } from './processes';
import {
  describeSupervised,
  startSupervised,
  stopSupervised,
  supervisedState,
} from './supervision';

/** The Flock services `npm start` runs, in start order: a group starts once the previous is ready. */
/** `main`: the entry under src/bin/ when it is not server.ts (workers). */
const serviceGroups: { name: ServiceName; dir: string; main?: string }[][] = [
  [
    { name: 'identity', dir: 'subgraphs/identity' },
    { name: 'mailer', dir: 'workers/mailer', main: 'src/bin/worker.ts' },
  ],
  // These need identity's JWKS.
  [
    { name: 'network', dir: 'subgraphs/network' },
    { name: 'network-worker', dir: 'subgraphs/network', main: 'src/bin/worker.ts' },
    { name: 'posts', dir: 'subgraphs/posts' },
    { name: 'feed', dir: 'subgraphs/feed' },
    { name: 'feed-worker', dir: 'subgraphs/feed', main: 'src/bin/worker.ts' },
  ],
  [{ name: 'gateway', dir: 'gateway' }],
];

/** Services that own a Postgres database (named after the service, after POSTGRES_DB_PREFIX). */
const postgresServices: ServiceName[] = ['identity', 'posts', 'mailer'];

/**
 * Everything a service needs to find this stack, explicitly: services' own defaults are the
 * default stack's addresses, which a second stack (other ports, state dir, databases) must
 * override.
 */
export function serviceEnv(stack: LocalStack, name: ServiceName): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PORT: String(stack.ports[name]),
    POSTGRES_URL: stack.postgresUrl,
    REDIS_URL: stack.redisUrl,
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    KAFKA_REPLICATION_FACTOR: String(stack.kafkaTopics.replicationFactor),
    KAFKA_MIN_INSYNC_REPLICAS: String(stack.kafkaTopics.minInsyncReplicas),
    NEO4J_URI: stack.neo4jUri,
    SMTP_URL: stack.smtpUrl,
    IDENTITY_JWKS_URL: stack.jwksUrl,
    DEV_KEYS_DIR: stack.devKeysDir,
  };
  if (stack.tracing) Object.assign(env, tracingEnv(stack));
  if (stack.redisMode === 'cluster') env.REDIS_CLUSTER_NODES = stack.redisClusterNodes.join(',');
  if (postgresServices.includes(name)) {
    env.DATABASE_URL = databaseUrlFor(stack.postgresUrl, name, stack.postgresDbPrefix);
  }
  if (name === 'gateway') {
    env.IDENTITY_URL = stack.subgraphUrl('identity');
    env.NETWORK_URL = stack.subgraphUrl('network');
    env.POSTS_URL = stack.subgraphUrl('posts');
    env.FEED_URL = stack.subgraphUrl('feed');
  }
  return env;
}

/**
 * Where a service sends its spans (the standard OpenTelemetry variables, read by
 * @flock/telemetry): the local Zipkin, every request sampled unless OTEL_TRACES_SAMPLER_ARG
 * says otherwise. With FLOCK_TRACING=off neither is set, and a service exports nothing (as in
 * production until an endpoint is configured).
 */
export function tracingEnv(stack: LocalStack): NodeJS.ProcessEnv {
  return {
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${stack.zipkinUrl}/api/v2/spans`,
    OTEL_TRACES_SAMPLER_ARG: String(stack.traceSampleRatio),
    // Empty: the service's own default (and not the caller's FLOCK_TRACE_CONTEXT=production).
    FLOCK_TRACE_CONTEXT: stack.traceContext === 'production' ? '' : stack.traceContext,
  };
}

/**
 * A service run from its TypeScript sources (`node --import tsx`, one process, so the pid a
 * test kills is the service itself) under a supervisor that restarts it when it dies; ready
 * when its /readyz answers 200.
 */
function service(
  stack: LocalStack,
  procs: Processes,
  name: ServiceName,
  dir: string,
  main = 'src/bin/server.ts',
  extraEnv: NodeJS.ProcessEnv = {},
): Component {
  const port = stack.ports[name];
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    endpoint: url,
    async probe() {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    },
    async start() {
      // Running but not ready (a worker rejoining its group after Kafka came back): its
      // supervisor is alive, so wait for it rather than start a second one on the same port.
      const running = supervisedState(procs, name);
      const ours = !running || !isAlive(running.supervisorPid);
      const restartsBefore = ours ? 0 : running.restarts;
      // A service that exits twice before it was ever ready will not get better by itself.
      const crashLooping = () =>
        (supervisedState(procs, name)?.restarts ?? 0) - restartsBefore >= 2;
      if (ours) {
        startSupervised(procs, name, process.execPath, ['--import', 'tsx', main], {
          cwd: join(repoRoot, dir),
          env: { ...extraEnv, ...serviceEnv(stack, name) },
        });
      }
      try {
        await procs.waitUntil(name, async () => crashLooping() || this.probe(), {
          timeoutMs: 60_000,
          processName: name,
        });
      } catch (error) {
        if (ours) await stopSupervised(procs, name, 5_000);
        throw error;
      }
      if (crashLooping()) {
        await stopSupervised(procs, name, 5_000);
        throw new Error(`${name} keeps exiting at start; last log lines:\n${procs.tailLog(name)}`);
      }
    },
    stop: () => stopSupervised(procs, name),
    describe() {
      const state = supervisedState(procs, name);
      return state ? describeSupervised(state) : undefined;
    },
  };
}

/** The services in start groups; `env` is added to every service's environment. */
export function serviceComponents(
  stack: LocalStack,
  procs: Processes,
  env: NodeJS.ProcessEnv = {},
): Component[][] {
  return serviceGroups.map((group) =>
    group.map(({ name, dir, main }) => service(stack, procs, name, dir, main, env)),
  );
}
