import { type LocalStack, resolveLocalStack } from '@flock/env';
import { allTopics, createKafka, ensureTopics } from '@flock/events';
import { createLogger } from '@flock/logger';
import type { Component } from './component';
import { kafka } from './components/kafka';
import { mail } from './components/mail';
import { neo4j } from './components/neo4j';
import { postgres } from './components/postgres';
import { redis } from './components/redis';
import { migrateAll } from './prisma';
import { trackedPid } from './processes';
import { progress, secondsSince } from './progress';
import { serviceComponents } from './services';

export function localStackFromEnv(): LocalStack {
  return resolveLocalStack(process.env);
}

export function components(stack: LocalStack): Component[] {
  return [
    postgres(stack.postgresUrl),
    redis(stack.redisUrl),
    mail(stack.smtpUrl, stack.mailWebUrl),
    kafka(stack.kafkaBroker),
    neo4j(stack.neo4jUri),
  ];
}

const answers = (component: Component) => component.probe().catch(() => false);

/** Starts whatever does not answer yet, in parallel; a running stack is left as it is. */
export async function up(stack: LocalStack): Promise<void> {
  const started = Date.now();
  progress.step('checking the local stack');
  await ensureRunning(components(stack));
  await createTopics(stack);
  await migrateAll(stack.postgresUrl);
  progress.ok(`infrastructure ready in ${secondsSince(started)} s`);
}

/** Infrastructure, migrations, then every service and the gateway. */
export async function startAll(stack: LocalStack): Promise<void> {
  await up(stack);
  const started = Date.now();
  for (const group of serviceComponents(stack)) await ensureRunning(group);
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
  const logger = createLogger({ service: 'infra', level: 'warn' });
  const client = createKafka({ clientId: 'flock-infra', brokers: [stack.kafkaBroker], logger });
  const created = await ensureTopics(client, allTopics);
  if (created.length > 0) progress.ok(`created Kafka topics: ${created.join(', ')}`);
}

/** Stops exactly what `up`/`start` started: the services first, then the infrastructure. */
export async function down(stack: LocalStack): Promise<void> {
  for (const group of [...serviceComponents(stack)].reverse()) await stopAll(group);
  await stopAll(components(stack));
}

async function stopAll(list: Component[]): Promise<void> {
  await Promise.all(
    list.map(async (component) => {
      if (await component.stop()) progress.ok(`stopped ${component.name}`);
      else progress.info(`${component.name}: not started by this stack, left alone`);
    }),
  );
}

export async function status(stack: LocalStack): Promise<boolean> {
  let allUp = true;
  for (const component of [...components(stack), ...serviceComponents(stack).flat()]) {
    const up = await answers(component);
    allUp &&= up;
    const pid = trackedPid(component.name);
    const owner = pid ? `pid ${pid}` : 'external';
    const line = `${component.name.padEnd(9)} ${component.endpoint} (${owner})`;
    if (up) progress.ok(line);
    else progress.fail(`${line}: not answering`);
  }
  return allUp;
}
