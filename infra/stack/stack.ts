import { type LocalStack, resolveLocalStack } from '@flock/env';
import { createLogger } from '@flock/logger';
import { createTopics as createEventTopics } from '../jobs/topics';
import type { Component } from './component';
import { kafka } from './components/kafka';
import { mail } from './components/mail';
import { neo4j } from './components/neo4j';
import { postgres } from './components/postgres';
import { redis } from './components/redis';
import { redisCluster } from './components/redis-cluster';
import { zipkin } from './components/zipkin';
import { stackPaths } from './paths';
import { migrateAll } from './prisma';
import { type Processes, processes } from './processes';
import { progress, secondsSince } from './progress';
import { serviceComponents } from './services';

export function localStackFromEnv(
  env: Record<string, string | undefined> = process.env,
): LocalStack {
  return resolveLocalStack(env);
}

/** The processes of a stack: pid files, logs and data under its state dir. */
export function stackProcesses(stack: LocalStack): Processes {
  return processes(stackPaths(stack.stateDir));
}

export interface InfraOptions {
  /** Start the local Redis Cluster even when the services do not use it (the tests need it). */
  redisCluster?: boolean;
}

/**
 * The infrastructure of `stack`: the trace viewer (Zipkin) too unless FLOCK_TRACING=off, the
 * local Redis Cluster when the services use it (FLOCK_REDIS=cluster) or `redisCluster`.
 */
export function components(stack: LocalStack, options: InfraOptions = {}): Component[] {
  const procs = stackProcesses(stack);
  const withCluster = options.redisCluster || stack.redisMode === 'cluster';
  return [
    postgres(stack.postgresUrl, procs),
    redis(stack.redisUrl, procs),
    ...(withCluster ? [redisCluster(stack.redisClusterNodes, procs)] : []),
    mail(stack.smtpUrl, stack.mailWebUrl, procs),
    ...kafka(stack.kafkaBrokers, procs),
    neo4j(stack.neo4jUri, stack.neo4jTransactionTimeoutMs, procs),
    ...(stack.tracing ? [traceViewer(stack)] : []),
  ];
}

/** Zipkin, the local trace viewer: started by `npm start` and `infra:up`, not needed by tests. */
export function traceViewer(stack: LocalStack): Component {
  return zipkin(stack.zipkinUrl, stackProcesses(stack));
}

/** The services of `stack` in start groups; `env` is added to each service's environment. */
export function services(stack: LocalStack, env: NodeJS.ProcessEnv = {}): Component[][] {
  return serviceComponents(stack, stackProcesses(stack), env);
}

const answers = (component: Component) => component.probe().catch(() => false);

/**
 * Starts whatever does not answer yet, in parallel; a running stack is left as it is.
 * `npm test` passes a stack with `tracing: false`: the tests need no trace viewer.
 */
export async function up(stack: LocalStack, options: InfraOptions = {}): Promise<void> {
  const started = Date.now();
  progress.step(`checking the local stack (state in ${stack.stateDir})`);
  await ensureRunning(components(stack, options));
  await createTopics(stack);
  await migrateAll(stack.postgresUrl, stack.postgresDbPrefix);
  progress.ok(`infrastructure ready in ${secondsSince(started)} s`);
}

/**
 * Infrastructure, migrations, then every service (each under a supervisor that restarts it
 * when it dies) and the gateway; `env` is added to each service's environment.
 */
export async function startAll(stack: LocalStack, env: NodeJS.ProcessEnv = {}): Promise<void> {
  await up(stack);
  const started = Date.now();
  for (const group of services(stack, env)) await ensureRunning(group);
  progress.ok(`services ready in ${secondsSince(started)} s`);
}

async function ensureRunning(list: Component[]): Promise<void> {
  const failures: string[] = [];
  await Promise.all(
    list.map(async (component) => {
      if (await answers(component)) {
        progress.ok(`${component.name} already running at ${component.endpoint}`);
        return;
      }
      const t = Date.now();
      progress.step(`starting ${component.name}…`);
      try {
        await component.start();
        progress.ok(`${component.name} ready at ${component.endpoint} (${secondsSince(t)} s)`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        progress.fail(`${component.name}: ${message}`);
        failures.push(component.name);
      }
    }),
  );
  if (failures.length > 0) throw new Error(`could not start: ${failures.join(', ')}`);
}

async function createTopics(stack: LocalStack): Promise<void> {
  // What the create-topics job does in production; 3 copies and min ISR 2 on a 3-node
  // cluster unless the env says otherwise.
  const created = await createEventTopics({
    brokers: stack.kafkaBrokers,
    settings: stack.kafkaTopics,
    logger: createLogger({ service: 'infra', level: 'fatal' }),
    clientId: 'flock-infra',
  });
  if (created.length > 0) progress.ok(`created Kafka topics: ${created.join(', ')}`);
}

/** Stops exactly what `up`/`start` started: the services first, then the infrastructure. */
export async function down(stack: LocalStack): Promise<void> {
  for (const group of [...services(stack)].reverse()) await stopAll(group);
  // Zipkin too when FLOCK_TRACING=off now: it may have been started with tracing on.
  await stopAll(components({ ...stack, tracing: true }, { redisCluster: true }));
}

async function stopAll(list: Component[]): Promise<void> {
  await Promise.all(
    list.map(async (component) => {
      if (await component.stop()) progress.ok(`stopped ${component.name}`);
      else progress.info(`${component.name}: not started by this stack, left alone`);
    }),
  );
}

/** One line per component: answers or not, and who runs it (pid, restarts, last exit). */
export async function status(stack: LocalStack): Promise<boolean> {
  const procs = stackProcesses(stack);
  const list = [...components(stack, { redisCluster: true }), ...services(stack).flat()];
  // Probed together (a Kafka round trip takes seconds), printed in order.
  const answering = await Promise.all(list.map(answers));
  list.forEach((component, index) => {
    const pid = procs.trackedPid(component.name);
    const owner = component.describe?.() ?? (pid ? `pid ${pid}` : 'external');
    const line = `${component.name.padEnd(14)} ${component.endpoint} (${owner})`;
    if (answering[index]) progress.ok(line);
    else if (component.optional && !pid)
      progress.info(`${component.name.padEnd(14)} ${component.endpoint}: not running`);
    else progress.fail(`${line}: not answering`);
  });
  // An optional part that was never started (after `npm test`) is not a failure.
  return list.every(
    (component, index) =>
      answering[index] || (component.optional && !procs.trackedPid(component.name)),
  );
}
