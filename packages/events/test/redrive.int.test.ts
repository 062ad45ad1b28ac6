import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pollFor, uniqueId } from '@flock/testing';
import type { IHeaders } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  deadLetterTopicOf,
  defineTopic,
  ensureTopics,
  on,
  PermanentEventError,
  startConsumer,
} from '../src';
import { kafkaFixture } from './kafka-fixture';

const { logger, broker, kafka, running, publisher } = kafkaFixture('events-redrive-test');
const redriveBin = fileURLToPath(new URL('../src/bin/redrive.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** Runs `npm run events:redrive -- ...args` as an operator would, and returns what it printed. */
async function redrive(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(tsx, [redriveBin, ...args], {
    env: { ...process.env, KAFKA_BROKERS: broker, LOG_LEVEL: 'error' },
    timeout: 60_000,
  });
  return stdout;
}

async function parkedCount(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [partition] = await admin.fetchTopicOffsets(deadLetterTopicOf(topic));
    return Number(partition?.high ?? 0);
  } finally {
    await admin.disconnect();
  }
}

describe('npm run events:redrive', () => {
  it('replays a parked message to its topic once, and a second run replays nothing', async () => {
    const topic = defineTopic(
      `test.${uniqueId('redrive')}.v1`,
      z.object({ itemId: z.uuid() }),
      (p) => p.itemId,
    );
    await ensureTopics(kafka, [topic], { partitions: 1 });
    let broken = true;
    const handled: string[] = [];
    const consumer = await startConsumer({
      kafka,
      groupId: uniqueId('group'),
      logger,
      subscriptions: [
        on(topic, async (event) => {
          if (broken) throw new PermanentEventError('the account is not there yet');
          handled.push(event.payload.itemId);
        }),
      ],
      fromBeginning: true,
    });
    running.push(consumer);

    const first = { itemId: crypto.randomUUID() };
    await publisher().publish(topic, first, { correlationId: 'corr-redrive' });
    await pollFor(async () => (await parkedCount(topic.name)) === 1, {
      description: 'the message parked',
    });

    // A dry run lists it and changes nothing: had it published, the message would be parked
    // again (the handler still fails) and the real run would replay two.
    const listed = await redrive(topic.name, '--dry-run');
    expect(listed).toMatch(
      /would replay .*\.dlq\/0@0 key=\S+ → test\..*the account is not there yet/,
    );
    expect(listed).toContain('would replay 1 message(s)');
    expect(listed).toContain('(permanent in group ');

    broken = false;
    const replayed = await redrive(deadLetterTopicOf(topic.name));
    expect(replayed).toContain(`replayed 1 message(s) from ${deadLetterTopicOf(topic.name)}`);
    expect(replayed).toContain(`  ${topic.name}: 1`);
    await pollFor(() => handled.includes(first.itemId), { description: 'the replayed event' });

    // Parked since the last run: nothing.
    expect(await redrive(topic.name)).toContain('replayed 0 message(s)');

    // A later event is handled after it, and the replayed one was handled once.
    const second = { itemId: crypto.randomUUID() };
    await publisher().publish(topic, second);
    await pollFor(() => handled.includes(second.itemId), { description: 'the next event' });
    expect(handled).toEqual([first.itemId, second.itemId]);

    // The replayed message kept its key and headers, lost the x-dlq-* ones, and says so.
    const copies: { key?: string; headers: IHeaders }[] = [];
    const reader = kafka.consumer({ groupId: uniqueId('reader') });
    await reader.connect();
    running.push({ stop: () => reader.disconnect() });
    await reader.subscribe({ topic: topic.name, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        copies.push({ key: message.key?.toString(), headers: message.headers ?? {} });
      },
    });
    await pollFor(() => copies.length >= 3, { description: 'the topic read' });
    const [original, redriven] = copies;
    expect(redriven?.key).toBe(original?.key);
    const names = Object.keys(redriven?.headers ?? {});
    expect(names).toContain('x-redriven-at');
    expect(names.filter((name) => name.startsWith('x-dlq-'))).toEqual([]);
    expect(String(redriven?.headers['x-correlation-id'])).toBe('corr-redrive');
  }, 120_000); // three runs of the CLI, each starting tsx and joining a group
});
