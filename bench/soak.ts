/**
 * Soak: mixed traffic at a steady rate through the gateway for SOAK_MINUTES (10), recording
 * every error and each service's resident memory (RSS) at the start, the middle and the end.
 * Goal: no errors, flat memory. Needs the stack: `npm start`, then `npm run bench:soak`.
 * SOAK_RATE sets the operations per second (20); the mix is in `mix` below.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localStack, type ServiceName } from '@flock/env';
import { graphql, machine } from './lib';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rate = Number(process.env.SOAK_RATE ?? 20);
const gateway = `http://127.0.0.1:${localStack.ports.gateway}/graphql`;
const run = Date.now().toString(36);
const password = 'soak benchmark password';

interface Member {
  id: string;
  username: string;
  token: string;
}
interface Outcome {
  ok: boolean;
  error?: string;
}

const call = (query: string, variables: object, token?: string) =>
  graphql(gateway, query, variables, token);

const members: Member[] = [];
const posts: string[] = [];
let registered = 0;
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;

async function register(): Promise<void> {
  const username = `soak${registered++}_${run}`;
  const data = await call(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    { input: { username, email: `${username}@soak.invalid`, password } },
  );
  members.push({ id: data.register.user.id, username, token: data.register.accessToken });
}

/** The mix: each operation with its weight. */
const mix: [string, number, () => Promise<unknown>][] = [
  ['register', 5, register],
  [
    'login',
    10,
    async () => {
      const member = pick(members);
      const data = await call(
        'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
        { input: { login: member.username, password } },
      );
      member.token = data.login.accessToken; // tokens live 10 minutes: keep them fresh
    },
  ],
  [
    'follow',
    15,
    async () => {
      const [a, b] = [pick(members), pick(members)];
      if (a === b) return;
      await call('mutation($id: ID!) { follow(userId: $id) { id } }', { id: b.id }, a.token);
    },
  ],
  [
    'post',
    15,
    async () => {
      const data = await call(
        'mutation($b: String!) { createPost(body: $b) { id } }',
        { b: `soak post at ${new Date().toISOString()}` },
        pick(members).token,
      );
      posts.push(data.createPost.id);
      if (posts.length > 1000) posts.shift();
    },
  ],
  [
    'like',
    15,
    async () => {
      if (posts.length === 0) return;
      await call(
        'mutation($id: ID!) { likePost(id: $id) { id } }',
        { id: pick(posts) },
        pick(members).token,
      );
    },
  ],
  [
    'home feed',
    25,
    () =>
      call(
        'query { homeFeed(first: 20) { edges { node { id body likeCount author { username } } } } }',
        {},
        pick(members).token,
      ),
  ],
  [
    'profile',
    15,
    () =>
      call(
        'query($u: String!) { user(username: $u) { username followerCount followingCount posts(first: 10) { edges { node { id } } } } }',
        { u: pick(members).username },
        pick(members).token,
      ),
  ],
];
const totalWeight = mix.reduce((sum, [, weight]) => sum + weight, 0);

function chooseOperation(): [string, () => Promise<unknown>] {
  let roll = Math.random() * totalWeight;
  for (const [name, weight, op] of mix) {
    roll -= weight;
    if (roll < 0) return [name, op];
  }
  const [name, , op] = mix[0] as (typeof mix)[number];
  return [name, op];
}

/** The pid listening on a port (the service's Node process), from `ss`. */
function pidOnPort(port: number): number | undefined {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : undefined;
}

function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return undefined;
  }
}

const services = Object.keys(localStack.ports) as ServiceName[];
function memory(): Record<string, number | undefined> {
  return Object.fromEntries(services.map((s) => [s, rssMiB(pidOnPort(localStack.ports[s]))]));
}

// ---- run ----

for (let i = 0; i < 20; i++) await register();
// The members' graph nodes come from the registration events: wait until one can be followed.
for (;;) {
  try {
    await call(
      'mutation($id: ID!) { follow(userId: $id) { id } }',
      { id: members[19]?.id },
      members[0]?.token,
    );
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const counts = new Map<string, { ok: number; errors: number; latencies: number[] }>();
const errorSamples: string[] = [];
const samples: { at: string; rss: Record<string, number | undefined> }[] = [
  { at: 'start', rss: memory() },
];
const durationMs = minutes * 60_000;
const started = Date.now();
let inFlight = 0;
let maxInFlight = 0;

async function fire(): Promise<void> {
  const [name, op] = chooseOperation();
  const entry = counts.get(name) ?? { ok: 0, errors: 0, latencies: [] };
  counts.set(name, entry);
  const t = performance.now();
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  let outcome: Outcome;
  try {
    await op();
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  inFlight--;
  entry.latencies.push(performance.now() - t);
  if (outcome.ok) entry.ok++;
  else {
    entry.errors++;
    if (errorSamples.length < 20) errorSamples.push(`${name}: ${outcome.error}`);
  }
}

// Open loop: one operation every 1/rate s, whether or not earlier ones answered.
const pending = new Set<Promise<void>>();
let middleTaken = false;
for (let n = 0; ; n++) {
  const due = started + (n * 1000) / rate;
  if (due - started >= durationMs) break;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (!middleTaken && Date.now() - started >= durationMs / 2) {
    samples.push({ at: 'middle', rss: memory() });
    middleTaken = true;
  }
  const p = fire().finally(() => pending.delete(p));
  pending.add(p);
  if (n % (rate * 60) === 0 && n > 0) {
    const done = [...counts.values()].reduce((s, c) => s + c.ok + c.errors, 0);
    const errors = [...counts.values()].reduce((s, c) => s + c.errors, 0);
    console.log(
      `${Math.round((Date.now() - started) / 60_000)} min: ${done} operations, ${errors} errors`,
    );
  }
}
await Promise.all(pending);
samples.push({ at: 'end', rss: memory() });

const percentile = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return Math.round(
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0,
  );
};
const opRows = [...counts.entries()].map(
  ([name, c]) =>
    `| ${name} | ${c.ok + c.errors} | ${c.errors} | ${percentile(c.latencies, 50)} | ${percentile(c.latencies, 99)} |`,
);
const rssRows = services.map(
  (s) => `| ${s} | ${samples.map((sample) => sample.rss[s] ?? '?').join(' | ')} |`,
);
const totalOps = [...counts.values()].reduce((s, c) => s + c.ok + c.errors, 0);
const totalErrors = [...counts.values()].reduce((s, c) => s + c.errors, 0);
const report = `
## ${new Date().toISOString()}

${machine()}; everything on this machine. ${minutes} min at ${rate} operations/s (open loop),
${members.length} accounts at the end; ${totalOps} operations, **${totalErrors} errors**; at most
${maxInFlight} in flight.

| operation | count | errors | p50 ms | p99 ms |
|---|---|---|---|---|
${opRows.join('\n')}

RSS (MiB) of each service's process:

| service | ${samples.map((s) => s.at).join(' | ')} |
|---|${samples.map(() => '---').join('|')}|
${rssRows.join('\n')}
${errorSamples.length ? `\nFirst errors:\n\n${errorSamples.map((e) => `- ${e}`).join('\n')}\n` : ''}`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'soak.md'), report);
