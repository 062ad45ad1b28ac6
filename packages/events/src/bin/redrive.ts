/**
 * `npm run events:redrive -- <topic> [--dry-run]`: replays what was parked on `<topic>.dlq`
 * (the topic or its .dlq name) to the topic each message came from, once its cause is fixed.
 *
 * - Reads the dead-letter topic as the group `flock-redrive.<topic>.dlq`, committing after each
 *   message is republished, and stops at the end each partition had when it started: a second
 *   run replays only what was parked since, and an interrupted run resumes where it stopped.
 * - Each message keeps its key (so its partition and its order with later events) and its
 *   headers, minus the `x-dlq-*` ones, plus `x-redriven-at`.
 * - `--dry-run` lists what would be replayed and publishes and commits nothing.
 *
 * Replaying to the original topic reaches every group that consumes it, not only the one that
 * failed. That is safe: every consumer is idempotent by event id (the mailer records
 * sent_emails.event_id before it sends; the feed and network projections converge to the same
 * state whatever the repetition), as replaying a topic from the start already requires.
 */
import { parseArgs } from 'node:util';
import { kafkaModel, loadEnv, serviceModel } from '@flock/env';
import { createLogger, type Logger } from '@flock/logger';
import { runMain } from '@flock/service';
import { type IHeaders, type Kafka, type KafkaMessage, Partitioners } from 'kafkajs';
import { z } from 'zod';
import { DLQ_HEADERS } from '../consumer';
import { createKafka } from '../kafka';
import type { ProducerAcks } from '../publisher';
import { deadLetterTopicOf } from '../topic';

const REDRIVEN_AT_HEADER = 'x-redriven-at';
const DLQ_SUFFIX = deadLetterTopicOf('');

interface RedriveOptions {
  kafka: Kafka;
  /** A topic or its dead-letter topic. */
  topic: string;
  dryRun: boolean;
  acks: ProducerAcks;
  logger: Logger;
  /** Where each message is listed (stdout). */
  print: (line: string) => void;
}

interface RedriveReport {
  deadLetterTopic: string;
  /** Replayed (or, in a dry run, to replay) per original topic. */
  replayed: Record<string, number>;
}

const text = (value: IHeaders[string]): string | undefined =>
  value === undefined ? undefined : String(Array.isArray(value) ? value[0] : value);

/** The parked message's headers as they were before it was parked, marked as redriven. */
function redrivenHeaders(headers: IHeaders = {}): IHeaders {
  const kept = Object.entries(headers).filter(([name]) => !name.startsWith('x-dlq-'));
  return { ...Object.fromEntries(kept), [REDRIVEN_AT_HEADER]: new Date().toISOString() };
}

async function redrive({
  kafka,
  topic,
  dryRun,
  acks,
  logger,
  print,
}: RedriveOptions): Promise<RedriveReport> {
  const deadLetterTopic = topic.endsWith(DLQ_SUFFIX) ? topic : deadLetterTopicOf(topic);
  const fallbackTopic = deadLetterTopic.slice(0, -DLQ_SUFFIX.length);
  const groupId = `flock-redrive.${deadLetterTopic}`;
  const replayed: Record<string, number> = {};

  // Per partition, the end to stop at: its high watermark now, if the group has not reached it.
  const ends = new Map<number, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(deadLetterTopic)) {
      throw new Error(`no dead-letter topic ${deadLetterTopic}`);
    }
    const [group] = await admin.fetchOffsets({ groupId, topics: [deadLetterTopic] });
    for (const { partition, low, high } of await admin.fetchTopicOffsets(deadLetterTopic)) {
      const committed = BigInt(
        group?.partitions.find((p) => p.partition === partition)?.offset ?? '-1',
      );
      const from = committed > BigInt(low) ? committed : BigInt(low);
      if (from < BigInt(high)) ends.set(partition, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return { deadLetterTopic, replayed };

  const producer = kafka.producer({
    idempotent: acks === -1,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const position = new Map<number, bigint>();
  const caughtUp = () => [...ends].every(([p, end]) => (position.get(p) ?? 0n) >= end);

  let finish: () => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });

  async function replay(partition: number, message: KafkaMessage): Promise<void> {
    const headers = message.headers ?? {};
    const original = text(headers[DLQ_HEADERS.topic]) ?? fallbackTopic;
    const where = `${deadLetterTopic}/${partition}@${message.offset}`;
    const parked = (name: string) => text(headers[name]) ?? '?';
    print(
      `${dryRun ? 'would replay' : 'replaying'} ${where} key=${message.key?.toString() ?? '-'}` +
        ` → ${original} (${parked(DLQ_HEADERS.failure)} in group ${parked(DLQ_HEADERS.group)},` +
        ` ${parked(DLQ_HEADERS.attempts)} attempt(s), ${parked(DLQ_HEADERS.failedAt)}):` +
        ` ${parked(DLQ_HEADERS.reason)}`,
    );
    if (!dryRun) {
      await producer.send({
        topic: original,
        acks,
        messages: [{ key: message.key, value: message.value, headers: redrivenHeaders(headers) }],
      });
      await consumer.commitOffsets([
        {
          topic: deadLetterTopic,
          partition,
          offset: (BigInt(message.offset) + 1n).toString(),
        },
      ]);
    }
    replayed[original] = (replayed[original] ?? 0) + 1;
  }

  if (!dryRun) await producer.connect();
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, pause, isRunning, isStale }) => {
        const end = ends.get(batch.partition) ?? 0n;
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) return;
          if (BigInt(message.offset) >= end) break;
          await replay(batch.partition, message);
          resolveOffset(message.offset);
          position.set(batch.partition, BigInt(message.offset) + 1n);
          await heartbeat();
        }
        if (BigInt(batch.lastOffset()) + 1n >= end) {
          position.set(batch.partition, end);
          pause(); // what was parked after the start waits for the next run
        }
        if (caughtUp()) finish();
      },
    });
    await finished;
    return { deadLetterTopic, replayed };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    logger.debug({ groupId }, 'redrive consumer stopped');
  }
}

runMain('events-redrive', async () => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  const [topic] = positionals;
  if (!topic || positionals.length > 1) {
    createLogger({ service: 'events-redrive', destination: 2 }).error(
      'usage: npm run events:redrive -- <topic | topic.dlq> [--dry-run]',
    );
    process.exitCode = 2;
    return;
  }
  const env = loadEnv(z.object({ ...serviceModel.shape, ...kafkaModel.shape }), process.env);
  const logger = createLogger({
    service: 'events-redrive',
    level: env.LOG_LEVEL,
    pretty: env.LOG_PRETTY,
  });
  const kafka = createKafka({
    clientId: env.KAFKA_CLIENT_ID ?? 'events-redrive',
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  const dryRun = values['dry-run'];
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const { deadLetterTopic, replayed } = await redrive({
    kafka,
    topic,
    dryRun,
    acks: env.KAFKA_PRODUCER_ACKS,
    logger,
    print,
  });
  const total = Object.values(replayed).reduce((sum, n) => sum + n, 0);
  print(`${dryRun ? 'would replay' : 'replayed'} ${total} message(s) from ${deadLetterTopic}`);
  for (const [original, count] of Object.entries(replayed)) print(`  ${original}: ${count}`);
});
