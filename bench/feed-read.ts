/**
 * Reading: homeFeed(first: 20) with author usernames through the gateway — (a) closed loop
 * at 50 connections, (b) an evenly paced open loop of 200 req/s (latency from each request's
 * scheduled time) — the same with (c) one followed author of 1,000,000 followers (above the
 * fan-out threshold: merged in at read time), and the feed subgraph alone (post ids only) for
 * the gateway's overhead. Needs the stack: `npm start` (or a second stack's variables in the
 * shell), then `npm run bench:feed`.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { resolveLocalStack } from '@flock/env';
import { defaultTimelineSettings, feedKeys } from '@flock/feed/timelines';
import { createLogger } from '@flock/logger';
import { closeRedis, connectRedis } from '@flock/redis';
import { serviceEnv } from '../infra/stack/services';
import { graphql, load, machine, openLoad, table } from './lib';

// The stack of this shell (GATEWAY_PORT, ... of "A second stack"), the default one otherwise.
const localStack = resolveLocalStack(process.env);
const gateway = `http://127.0.0.1:${localStack.ports.gateway}/graphql`;
const feed = `http://127.0.0.1:${localStack.ports.feed}/graphql`;
const run = Date.now().toString(36);
const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');

async function account(name: string) {
  const username = `${name}_${run}`;
  const data = await graphql(
    gateway,
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    {
      input: { username, email: `${username}@bench.local`, password: 'benchmark password' },
    },
  );
  return { id: data.register.user.id as string, token: data.register.accessToken as string };
}

type Account = Awaited<ReturnType<typeof account>>;

/** `follower` follows `author`, retried until the graph knows the new account (through Kafka). */
async function follow(follower: Account, author: Account) {
  for (;;) {
    try {
      await graphql(
        gateway,
        'mutation($id: ID!) { follow(userId: $id) { id } }',
        { id: author.id },
        follower.token,
      );
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Five posts by `author`, each body naming `whose`. */
async function fivePosts(author: Account, whose: string) {
  for (let i = 0; i < 5; i++) {
    await graphql(
      gateway,
      'mutation($b: String!) { createPost(body: $b) { id } }',
      { b: `post ${i} of ${whose}` },
      author.token,
    );
  }
}

const reader = await account('reader');
const authors = await Promise.all(Array.from({ length: 10 }, (_, i) => account(`author${i}`)));
for (const author of authors) {
  await follow(reader, author);
  await fivePosts(author, 'a followed author');
}
const HOME =
  'query { homeFeed(first: 20) { edges { cursor node { id body author { username } } } pageInfo { hasNextPage endCursor } } }';
for (;;) {
  const data = await graphql(gateway, HOME, {}, reader.token);
  if (data.homeFeed.edges.length === 20) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const request = (query: string) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${reader.token}` },
  body: JSON.stringify({ query }),
});
// Warm-up, not recorded: JIT, connection pools and caches as a running system has them.
await load('warm-up', { url: gateway, connections: 50, duration: 15, ...request(HOME) });
const closed = await load('(a) gateway, homeFeed(first: 20) + bodies + usernames, 50 connections', {
  url: gateway,
  connections: 50,
  duration: 15,
  ...request(HOME),
});
// Three runs: on this shared VM the tail moves from run to run.
const open = [];
for (const run of [1, 2, 3]) {
  open.push(
    await openLoad(`(b) gateway, same query, one request every 5 ms (200 req/s), run ${run}`, {
      url: gateway,
      rate: 200,
      seconds: 15,
      body: JSON.stringify({ query: HOME }),
      headers: { authorization: `Bearer ${reader.token}` },
    }),
  );
}
/**
 * The hybrid path: an author with 1,000,000 followers, whom the reader follows too. The
 * followers set is seeded in Redis directly (pipelined SADDs of fake ids); the reader's real
 * follow then takes the author over the fan-out threshold, so their posts are not fanned out
 * but merged into the reader's page at read time. The seeded set is removed afterwards.
 */
async function hybridRuns() {
  const celebrity = await account('celebrity');
  const redis = await connectRedis({
    url: localStack.redisUrl,
    logger: createLogger({ service: 'bench' }),
  });
  const followersKey = feedKeys(
    process.env.FEED_KEY_PREFIX ?? defaultTimelineSettings.prefix,
  ).followers(celebrity.id);
  const seeded = 1_000_000;
  const seedStart = performance.now();
  for (let batch = 0; batch < seeded; batch += 100_000) {
    await Promise.all(
      Array.from({ length: 10 }, (_, chunk) =>
        redis.sAdd(
          followersKey,
          Array.from(
            { length: 10_000 },
            (_, i) => `bench-follower-${run}-${batch + chunk * 10_000 + i}`,
          ),
        ),
      ),
    );
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  await follow(reader, celebrity);
  await fivePosts(celebrity, 'an author with a million followers');
  // Newer than everyone else's posts: the page shows them once they are merged in.
  for (;;) {
    const data = await graphql(gateway, HOME, {}, reader.token);
    const celebrityPosts = data.homeFeed.edges.filter(
      (e: { node: { author: { username: string } } }) =>
        e.node.author.username.startsWith('celebrity_'),
    ).length;
    if (celebrityPosts === 5) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const isCelebrity = await redis.sIsMember(
    feedKeys(process.env.FEED_KEY_PREFIX ?? defaultTimelineSettings.prefix).celebrities,
    celebrity.id,
  );
  if (!isCelebrity)
    throw new Error('the 1,000,000-follower author is not above the fan-out threshold');
  await load('warm-up', { url: gateway, connections: 50, duration: 5, ...request(HOME) });
  const results = [
    await load(
      '(c) hybrid: a followed author of 1,000,000 followers merged at read time, 50 connections',
      {
        url: gateway,
        connections: 50,
        duration: 15,
        ...request(HOME),
      },
    ),
  ];
  for (const run of [1, 2]) {
    results.push(
      await openLoad(`(c) hybrid, one request every 5 ms (200 req/s), run ${run}`, {
        url: gateway,
        rate: 200,
        seconds: 15,
        body: JSON.stringify({ query: HOME }),
        headers: { authorization: `Bearer ${reader.token}` },
      }),
    );
  }
  await redis.unlink(followersKey);
  await closeRedis(redis);
  return { results, seedSeconds };
}

/** The same closed loop through a gateway of its own, started with `env` (then stopped). */
async function closedLoopThrough(label: string, env: Record<string, string>) {
  const port = localStack.ports.gateway + 100;
  const gatewayProcess = spawn(
    join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx'),
    ['src/bin/server.ts'],
    {
      cwd: join(import.meta.dirname, '..', 'gateway'),
      env: {
        ...process.env,
        ...serviceEnv(localStack, 'gateway'),
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: 'inherit',
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  for (;;) {
    try {
      await graphql(url, HOME, {}, reader.token);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  // A fresh process (each of its workers) compiles its hot paths under load first.
  await load('warm-up', { url, connections: 50, duration: 15, ...request(HOME) });
  const result = await load(label, { url, connections: 50, duration: 15, ...request(HOME) });
  const exited = new Promise((resolve) => gatewayProcess.once('exit', resolve));
  gatewayProcess.kill('SIGTERM');
  await exited;
  return result;
}
// Two gateway processes on one port (WORKERS=2): the gateway is the busiest process of a
// page, and one Node process runs its JavaScript on one core.
const twoWorkers = await closedLoopThrough('(a) gateway with WORKERS=2 (two processes, one port)', {
  WORKERS: '2',
});
// Entity cache off: every page then calls posts and identity too (the cost before the cache,
// and of a cold cache).
const uncached = await closedLoopThrough(
  '(a) without the entity cache (posts and identity called every time)',
  { ENTITY_CACHE_MAX_ENTRIES: '0' },
);

const direct = await load('feed subgraph alone, homeFeed(first: 20) ids, 50 connections', {
  url: feed,
  connections: 50,
  duration: 15,
  ...request(
    'query { homeFeed(first: 20) { edges { cursor node { id } } pageInfo { hasNextPage } } }',
  ),
});
// Last: from here on the reader also follows the 1,000,000-follower author.
const hybrid = await hybridRuns();

// What the stack ran with, when it matters to the numbers (e.g. "tracing off").
const note = process.env.BENCH_NOTE ? ` Stack: ${process.env.BENCH_NOTE}.` : '';
const report = `\n## ${new Date().toISOString()}\n\n${machine()}; everything on this machine (gateway, identity, posts, feed, Redis, Postgres, Kafka, Neo4j).${note}\n\n${table([closed, twoWorkers, ...open, uncached, ...hybrid.results, direct])}\n\nGateway overhead ratio (feed alone req/s ÷ through the gateway req/s): ${(direct.rps / Math.max(closed.rps, 1)).toFixed(1)}×. (c): 1,000,000 followers seeded in ${hybrid.seedSeconds.toFixed(1)} s (pipelined SADD). Machine load before/after: ${loadBefore} / ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}.\n`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'feed-read.md'), report);
