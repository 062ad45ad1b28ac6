/**
 * Feed workers scaling out: the same burst of new posts fanned out by one feed-worker process
 * and by two (one consumer group: Kafka splits the topics' partitions between them), measured
 * as deliveries/s until every home holds every post; then a steady stream of posts at a rate
 * between the two, showing whether each setup keeps up (the lag of the last post behind its
 * publication).
 *
 * Real processes (`subgraphs/feed/src/bin/worker.ts`, as `npm start` runs them) on the local
 * stack's Kafka and Redis, with a key prefix and a consumer group of their own, started at the
 * end of each topic. Needs Redis and Kafka: `npm run infra:up`, then `npm run bench:workers`.
 * BENCH_WORKERS_FOLLOWERS (default 5,000 active followers per author), BENCH_WORKERS_POSTS
 * (default 240 posts per burst, by 48 authors).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLocalStack } from '@flock/env';
import { createKafka, EventPublisher, postCreated } from '@flock/events';
import { feedKeys } from '@flock/feed/timelines';
import { createLogger } from '@flock/logger';
import { closeRedis, connectRedis, deleteKeys } from '@flock/redis';
import { freePort, metricValue } from '@flock/testing';
import { loadAverages, machine, progress } from './lib';

const stack = resolveLocalStack(process.env);
const logger = createLogger({ service: 'bench', level: 'warn' });
const FOLLOWERS = Number(process.env.BENCH_WORKERS_FOLLOWERS ?? 5_000);
const POSTS = Number(process.env.BENCH_WORKERS_POSTS ?? 240);
const AUTHORS = 48;
const repo = join(import.meta.dirname, '..');

const redis = await connectRedis({ url: stack.redisUrl, logger });
const kafka = createKafka({ clientId: 'bench-workers', brokers: stack.kafkaBrokers, logger });
const publisher = await EventPublisher.connect(kafka, 'bench');

interface Worker {
  process: ChildProcess;
  port: number;
}

/** Starts `count` feed workers in one new consumer group, on keys under `prefix`; ready when all are. */
async function startWorkers(count: number, prefix: string): Promise<Worker[]> {
  const group = `bench-workers-${randomUUID().slice(0, 8)}`;
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/worker.ts'], {
      cwd: join(repo, 'subgraphs/feed'),
      env: {
        ...process.env,
        PORT: String(port),
        REDIS_URL: stack.redisUrl,
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
        KAFKA_GROUP_ID: group,
        FEED_FROM_BEGINNING: 'false',
        FEED_KEY_PREFIX: prefix,
        FEED_FANOUT_THRESHOLD: String(FOLLOWERS * 10),
        LOG_LEVEL: 'warn',
        OTEL_SDK_DISABLED: 'true',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push({ process: child, port });
  }
  const deadline = Date.now() + 120_000;
  for (const { port } of workers) {
    while (
      (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status !== 200
    ) {
      if (Date.now() > deadline) throw new Error('the workers did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return workers;
}

async function stopWorkers(workers: Worker[]) {
  await Promise.all(
    workers.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Homes delivered so far by these workers (their flock_feed_fanout_deliveries_total). */
async function delivered(workers: Worker[]): Promise<number> {
  const counts = await Promise.all(
    workers.map(async ({ port }) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const value = metricValue(text, 'flock_feed_fanout_deliveries_total');
      return Number.isNaN(value) ? 0 : value;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** CPU seconds used so far by Redis (INFO cpu) and by these workers (process_cpu_seconds_total). */
async function cpuSeconds(workers: Worker[]) {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  const texts = await Promise.all(
    workers.map(async ({ port }) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()),
  );
  return {
    redis: field('used_cpu_user') + field('used_cpu_sys'),
    workers: texts.reduce((sum, text) => sum + metricValue(text, 'process_cpu_seconds_total'), 0),
  };
}

async function waitForDeliveries(workers: Worker[], target: number, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await delivered(workers)) < target) {
    if (Date.now() > deadline) throw new Error(`fewer than ${target} deliveries`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Authors with FOLLOWERS active followers each (one shared pool of homes). */
async function seed(prefix: string): Promise<string[]> {
  const k = feedKeys(prefix);
  const followers = Array.from({ length: FOLLOWERS }, () => randomUUID());
  const authors = Array.from({ length: AUTHORS }, () => randomUUID());
  for (let i = 0; i < followers.length; i += 1000) {
    await Promise.all(
      followers
        .slice(i, i + 1000)
        .map((id) => redis.zAdd(k.home(id), { score: Number.NEGATIVE_INFINITY, value: '~' })),
    );
  }
  await Promise.all(authors.map((author) => redis.sAdd(k.followers(author), followers)));
  return authors;
}

const publish = (authorId: string) =>
  publisher.publish(postCreated, {
    postId: randomUUID(),
    authorId,
    replyToId: null,
    createdAt: new Date().toISOString(),
  });

interface Result {
  workers: number;
  burstSeconds: number;
  burstPerSecond: number;
  /** CPU per delivery during the burst: Redis's, and the workers' together. */
  redisMicrosPerDelivery: number;
  workerMicrosPerDelivery: number;
  stream: { rate: number; seconds: number; lagMs: number };
}

/** One setup: a warm-up, the burst, then a steady stream of `streamRate` posts/s for 20 s. */
async function measure(count: number, streamRate: number): Promise<Result> {
  const prefix = `benchworkers${randomUUID().slice(0, 8)}`;
  const authors = await seed(prefix);
  const workers = await startWorkers(count, prefix);
  try {
    // Warm-up: one post per author, until all are fanned out (every partition assigned).
    await Promise.all(authors.map(publish));
    let target = AUTHORS * FOLLOWERS;
    await waitForDeliveries(workers, target);

    const cpuBefore = await cpuSeconds(workers);
    const started = performance.now();
    await Promise.all(Array.from({ length: POSTS }, (_, i) => publish(authors[i % AUTHORS] ?? '')));
    target += POSTS * FOLLOWERS;
    await waitForDeliveries(workers, target);
    const burstSeconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpuSeconds(workers);
    const deliveries = POSTS * FOLLOWERS;

    // The stream: posts at a fixed pace; lag = when the last one is fanned out, after it was sent.
    const seconds = 20;
    const total = Math.round(streamRate * seconds);
    const streamStart = performance.now();
    for (let i = 0; i < total; i++) {
      const due = streamStart + (i * 1000) / streamRate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      void publish(authors[i % AUTHORS] ?? '');
    }
    const lastSentAt = performance.now();
    target += total * FOLLOWERS;
    await waitForDeliveries(workers, target);
    return {
      workers: count,
      burstSeconds,
      burstPerSecond: Math.round(deliveries / burstSeconds),
      redisMicrosPerDelivery: ((cpuAfter.redis - cpuBefore.redis) * 1e6) / deliveries,
      workerMicrosPerDelivery: ((cpuAfter.workers - cpuBefore.workers) * 1e6) / deliveries,
      stream: { rate: streamRate, seconds, lagMs: Math.round(performance.now() - lastSentAt) },
    };
  } finally {
    await stopWorkers(workers);
    await deleteKeys(redis, `${prefix}:*`);
  }
}

// The stream's rate: 30 posts/s × FOLLOWERS homes unless BENCH_WORKERS_RATE says otherwise.
const rate = Number(process.env.BENCH_WORKERS_RATE ?? 30);
const results: Result[] = [];
for (const count of [1, 2, 1, 2]) {
  results.push(await measure(count, rate));
  progress.info(results.at(-1), 'setup measured');
}
await publisher.disconnect();
await closeRedis(redis);

const rows = results.map(
  (r) =>
    `| ${r.workers} | ${r.burstSeconds.toFixed(2)} s | **${r.burstPerSecond.toLocaleString('en')}** | ${r.redisMicrosPerDelivery.toFixed(2)} µs | ${r.workerMicrosPerDelivery.toFixed(2)} µs | ${r.stream.rate} posts/s = ${(r.stream.rate * FOLLOWERS).toLocaleString('en')} deliveries/s for ${r.stream.seconds} s | ${r.stream.lagMs.toLocaleString('en')} ms |`,
);
const report = `\n## ${new Date().toISOString()}\n\n${machine()}; ${loadAverages()}. Kafka (${stack.kafkaBrokers.length} broker, 6 partitions per topic) and Redis ${stack.redisUrl} on the same machine. ${AUTHORS} authors, ${FOLLOWERS.toLocaleString('en')} active followers each; a burst of ${POSTS} posts; runs alternated.\n
| feed-worker processes | burst fanned out in | deliveries/s | Redis CPU per delivery | workers' CPU per delivery | steady stream | last post fanned out after it was sent |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'feed-workers.md'), report);
