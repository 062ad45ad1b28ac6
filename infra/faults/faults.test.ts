/**
 * The fault-injection suite (`npm run test:faults`): a complete second stack of its own
 * (three Kafka brokers, replication 3, its own Redis, Neo4j, mail catcher, services and
 * databases; see infra/stack/index.ts), hurt on purpose one dependency at a time. Each
 * scenario asserts through the gateway that the API answered within its timeout while the
 * dependency was down, and that no accepted write was lost once it returned. It never
 * touches the default stack other tests run against.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTopics } from '@flock/events';
import { pollFor, uniqueId } from '@flock/testing';
import { Kafka, logLevel } from 'kafkajs';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalStack,
  pidOf,
  secondStackEnv,
  serviceState,
  startStack,
  stopStack,
} from '../stack/index';

const stateDir = join(tmpdir(), 'flock-faults');
const env = secondStackEnv({ stateDir, kafkaBrokers: 3, dbPrefix: 'faults_' });
/** With the defaults, a request answers within 5 s whichever single dependency is frozen. */
const ANSWER_WITHIN_MS = 5_000;
let stack: LocalStack;
let gateway: string;

beforeAll(async () => {
  rmSync(stateDir, { recursive: true, force: true });
  stack = await startStack(env);
  gateway = `http://127.0.0.1:${stack.ports.gateway}/graphql`;
}, 600_000);
afterAll(async () => {
  await stopStack(env);
}, 120_000);

// ---- the API, as a client sees it ----

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  ms: number;
}

async function call(query: string, variables: object = {}, token?: string): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(gateway, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as Omit<Answer, 'ms'>;
  return { ...body, ms: Date.now() - started };
}

const codes = (answer: Answer) => (answer.errors ?? []).map((e) => e.extensions?.code);

interface Member {
  id: string;
  username: string;
  email: string;
  password: string;
  token: string;
}

async function register(prefix: string, email?: string): Promise<Member> {
  const username = uniqueId(prefix);
  const password = 'fault suite password';
  const address = email ?? `${username}@example.invalid`;
  const answer = await call(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    { input: { username, email: address, password } },
  );
  const register = answer.data?.register;
  if (!register) throw new Error(`registration failed: ${JSON.stringify(answer.errors)}`);
  return { id: register.user.id, username, email: address, password, token: register.accessToken };
}

async function follow(follower: Member, followee: Member): Promise<Answer> {
  return call(
    'mutation($id: ID!) { follow(userId: $id) { id } }',
    { id: followee.id },
    follower.token,
  );
}

/** A post; its id when the API accepted it, undefined (and the answer) when it refused. */
async function post(author: Member, body: string): Promise<{ id?: string; answer: Answer }> {
  const answer = await call(
    'mutation($b: String!) { createPost(body: $b) { id } }',
    { b: body },
    author.token,
  );
  return { id: answer.data?.createPost?.id, answer };
}

async function homeIds(reader: Member): Promise<Set<string>> {
  const answer = await call(
    'query { homeFeed(first: 100) { edges { node { id } } } }',
    {},
    reader.token,
  );
  return new Set(
    (answer.data?.homeFeed?.edges ?? []).map((e: { node: { id: string } | null }) => e.node?.id),
  );
}

/** Every accepted post reaches the follower's home timeline. */
async function allDelivered(reader: Member, ids: string[], timeoutMs = 180_000): Promise<void> {
  await pollFor(
    async () => {
      const home = await homeIds(reader);
      return ids.every((id) => home.has(id));
    },
    { timeoutMs, intervalMs: 500, description: `${ids.length} posts in the home timeline` },
  );
}

/** An author and a follower, the follow applied by the feed (the author's first post arrives). */
async function pair(prefix: string): Promise<{ author: Member; reader: Member }> {
  const [author, reader] = [await register(`${prefix}a`), await register(`${prefix}r`)];
  expect(codes(await follow(reader, author))).toEqual([]);
  const first = await post(author, 'first');
  await allDelivered(reader, [first.id as string], 60_000);
  return { author, reader };
}

function signal(name: string, sig: NodeJS.Signals): void {
  const pid = pidOf(name, stateDir);
  if (!pid) throw new Error(`no process for ${name} in ${stateDir}`);
  process.kill(pid, sig);
}

/** Posts one every `everyMs` for `forMs`; every accepted id, and the slowest answer. */
async function postDuring(author: Member, forMs: number, everyMs = 250) {
  const accepted: string[] = [];
  const refused: Answer[] = [];
  let slowest = 0;
  const until = Date.now() + forMs;
  for (let i = 0; Date.now() < until; i++) {
    const { id, answer } = await post(author, `during the fault ${i}`);
    slowest = Math.max(slowest, answer.ms);
    if (id) accepted.push(id);
    else refused.push(answer);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return { accepted, refused, slowest };
}

// ---- the scenarios, one dependency at a time ----

describe.sequential('faults', () => {
  it('the stack: three brokers with topics replicated 3 times, Neo4j ending long transactions', async () => {
    const kafka = new Kafka({
      clientId: 'faults',
      brokers: stack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { brokers } = await admin.describeCluster();
      expect(brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      const { topics } = await admin.fetchTopicMetadata({ topics: allTopics.map((t) => t.name) });
      for (const topic of topics) {
        expect(topic.partitions.every((p) => p.replicas.length === 3)).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
    // The server ends a transaction after NEO4J_TRANSACTION_TIMEOUT (10 s here), whoever runs it.
    const driver = neo4j.driver(stack.neo4jUri);
    try {
      const started = Date.now();
      await expect(driver.executeQuery('CALL apoc.util.sleep(60000) RETURN 1')).rejects.toThrow(
        /terminated|timed out|timeout/i,
      );
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await driver.close();
    }
  });

  it('Kafka: every broker killed, then restarted — writes accepted meanwhile, none lost', async () => {
    const { author, reader } = await pair('kk');
    for (const broker of ['kafka-1', 'kafka-2', 'kafka-3']) signal(broker, 'SIGKILL');
    const during = await postDuring(author, 15_000);
    // The outbox takes every write while Kafka is gone, and answers at once.
    expect(during.refused).toEqual([]);
    expect(during.slowest).toBeLessThan(ANSWER_WITHIN_MS);
    await startStack(env);
    await allDelivered(reader, during.accepted);
  });

  it('Kafka: one broker of three killed — nothing lost, delivery pauses only for the election', async () => {
    const { author, reader } = await pair('k1');
    signal('kafka-2', 'SIGKILL');
    // Post and watch the home timeline at once: each post's delay from acceptance to delivery.
    const acceptedAt = new Map<string, number>();
    const delays = new Map<string, number>();
    let posting = true;
    const watching = (async () => {
      while (posting || delays.size < acceptedAt.size) {
        const home = await homeIds(reader);
        for (const [id, at] of acceptedAt) {
          if (!delays.has(id) && home.has(id)) delays.set(id, Date.now() - at);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    let slowest = 0;
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      const { id, answer } = await post(author, 'while a broker is down');
      slowest = Math.max(slowest, answer.ms);
      expect(codes(answer)).toEqual([]);
      acceptedAt.set(id as string, Date.now());
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    posting = false;
    await Promise.race([
      watching,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('posts not delivered')), 120_000),
      ),
    ]);
    const longest = Math.max(...delays.values());
    console.info(
      `one broker of three down: ${delays.size} posts, all delivered; longest delivery ${longest} ms`,
    );
    expect(slowest).toBeLessThan(ANSWER_WITHIN_MS);
    // Replication 3, min.insync.replicas 2: the other two carry on once a new leader is
    // elected (the dead broker's session expires after 9 s, KRaft's default).
    expect(longest).toBeLessThan(30_000);
    await startStack(env); // the broker rejoins
  });

  it('the feed worker killed — restarted by its supervisor, no post lost', async () => {
    const { author, reader } = await pair('fw');
    const restartsBefore = serviceState('feed-worker', stateDir)?.restarts ?? 0;
    signal('feed-worker', 'SIGKILL');
    const during = await postDuring(author, 5_000);
    expect(during.refused).toEqual([]);
    await allDelivered(reader, during.accepted);
    expect(serviceState('feed-worker', stateDir)?.restarts).toBeGreaterThan(restartsBefore);
  });

  it('Neo4j frozen — partial data within the timeout, follows refused with a code, then recovery', async () => {
    const [someone, fan] = [await register('nf'), await register('nf')];
    signal('neo4j', 'SIGSTOP');
    try {
      const profile = await call(
        'query($u: String!) { user(username: $u) { username followerCount } }',
        { u: someone.username },
      );
      expect(profile.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(profile.data?.user?.username).toBe(someone.username);
      expect(profile.data?.user?.followerCount).toBeNull();
      expect(codes(profile)).toContain('SERVICE_UNAVAILABLE');

      const refused = await follow(fan, someone);
      expect(refused.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(codes(refused)).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      signal('neo4j', 'SIGCONT');
    }
    await pollFor(async () => codes(await follow(fan, someone)).length === 0, {
      timeoutMs: 60_000,
      description: 'follows to work again',
    });
  });

  it('Redis frozen — coded errors within the timeout, writes kept, full recovery', async () => {
    const { author, reader } = await pair('rf');
    signal('redis', 'SIGSTOP');
    let accepted: string[];
    try {
      const login = await call('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
        i: { login: reader.username, password: reader.password },
      });
      expect(login.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(codes(login)).toEqual(['SERVICE_UNAVAILABLE']);

      const home = await call(
        'query { homeFeed(first: 10) { edges { node { id } } } }',
        {},
        reader.token,
      );
      expect(home.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(codes(home)).toContain('SERVICE_UNAVAILABLE');

      // Posts need no Redis to be accepted; the feed worker catches up after.
      const during = await postDuring(author, 5_000);
      expect(during.refused).toEqual([]);
      expect(during.slowest).toBeLessThan(ANSWER_WITHIN_MS);
      accepted = during.accepted;
    } finally {
      signal('redis', 'SIGCONT');
    }
    await allDelivered(reader, accepted);
    const login = await call('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { login: reader.username, password: reader.password },
    });
    expect(codes(login)).toEqual([]);
  });

  it('Postgres connections dropped — the services reconnect, nothing accepted is lost', async () => {
    const { author, reader } = await pair('pg');
    const before = await postDuring(author, 2_000);
    const admin = new pg.Client({ connectionString: stack.postgresUrl });
    await admin.connect();
    try {
      const dropped = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname LIKE $1 AND pid <> pg_backend_pid()`,
        [`${stack.postgresDbPrefix}%`],
      );
      expect(dropped.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // A request on a dropped connection may fail once, with a code; then writes work again.
    const after = await postDuring(author, 5_000);
    for (const answer of after.refused) expect(codes(answer)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(after.accepted.length).toBeGreaterThan(0);
    expect(after.slowest).toBeLessThan(ANSWER_WITHIN_MS);
    await allDelivered(reader, [...before.accepted, ...after.accepted]);
  });

  it('SMTP down for 60 s — the welcome email still arrives', async () => {
    signal('mail', 'SIGKILL');
    const address = `${uniqueId('smtp')}@example.com`;
    await register('sm', address);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    await startStack(env); // the catcher again (empty: it keeps mail in memory)
    await pollFor(
      async () => {
        const emails = (await (await fetch(`${stack.mailWebUrl}/api/email`)).json()) as {
          to: { address: string }[];
        }[];
        return emails.some((e) => e.to.some((t) => t.address === address));
      },
      { timeoutMs: 120_000, intervalMs: 1_000, description: `the welcome email to ${address}` },
    );
  }, 300_000);
});
