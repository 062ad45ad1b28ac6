import { type LocalStack, resolveLocalStack } from '@flock/env';
import { allTopics, createKafka, ensureTopics } from '@flock/events';
import { createLogger } from '@flock/logger';
import type { Component } from './component';
import { kafka } from './components/kafka';
import { mail } from './components/mail';
import { neo4j } from './components/neo4j';
import { postgres } from './components/postgres';
import { redis } from './components/redis';
import { trackedPid } from './processes';
import { progress, secondsSince } from './progress';

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
  const failures: string[] = [];
  await Promise.all(
    components(stack).map(async (component) => {
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
  await createTopics(stack);
  progress.ok(`infrastructure ready in ${secondsSince(started)} s`);
}

async function createTopics(stack: LocalStack): Promise<void> {
  const logger = createLogger({ service: 'infra', level: 'warn' });
  const client = createKafka({ clientId: 'flock-infra', brokers: [stack.kafkaBroker], logger });
  const created = await ensureTopics(client, allTopics);
  if (created.length > 0) progress.ok(`created Kafka topics: ${created.join(', ')}`);
}

/** Stops exactly what `up` started (they do not depend on each other). */
export async function down(stack: LocalStack): Promise<void> {
  await Promise.all(
    components(stack).map(async (component) => {
      if (await component.stop()) progress.ok(`stopped ${component.name}`);
      else progress.info(`${component.name}: not started by this stack, left alone`);
    }),
  );
}

export async function status(stack: LocalStack): Promise<boolean> {
  let allUp = true;
  for (const component of components(stack)) {
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
