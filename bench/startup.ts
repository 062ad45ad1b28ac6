/**
 * Start-up time and memory of every service, in its development form (`node --import tsx
 * src/bin/<entry>.ts`, as `npm start` runs it) and its production form (`node
 * dist/<entry>.js` from `npm run build`, NODE_ENV=production, secrets as files). Start-up:
 * from spawning the process to its first /readyz 200 (dependencies connected, workers in
 * their consumer group). Memory: resident set (RSS) 2 s after that. STARTUP_RUNS (3) runs of
 * each, medians reported. Needs the stack (`npm start`: the gateway's subgraphs, identity's
 * JWKS); each service runs on a port of its own, workers in consumer groups of their own.
 */
import { appendFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLocalStack, type ServiceName } from '@flock/env';
import { freePort, uniqueId } from '@flock/testing';
import {
  ensureBuild,
  rssMiB,
  serviceArgs,
  serviceEntries,
  startProcess,
  waitUntilReady,
  writeSecretFiles,
} from '../infra/build/production-form';
import { machine } from './lib';

const runs = Number(process.env.STARTUP_RUNS ?? 3);
const stack = resolveLocalStack(process.env);
type Form = 'dev' | 'prod';

async function environment(name: ServiceName, form: Form, secrets: Record<string, string>) {
  const env: Record<string, string> = {
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    POSTGRES_URL: stack.postgresUrl,
    REDIS_URL: stack.redisUrl,
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    NEO4J_URI: stack.neo4jUri,
    SMTP_URL: stack.smtpUrl,
    IDENTITY_JWKS_URL: stack.jwksUrl,
    ...(form === 'prod'
      ? { NODE_ENV: 'production', ...secrets }
      : { DEV_KEYS_DIR: stack.devKeysDir }),
  };
  if (name === 'gateway') {
    env.IDENTITY_URL = stack.subgraphUrl('identity');
    env.NETWORK_URL = stack.subgraphUrl('network');
    env.POSTS_URL = stack.subgraphUrl('posts');
    env.FEED_URL = stack.subgraphUrl('feed');
  }
  // Workers join groups of their own, from the end of the topics: nothing is taken from the
  // stack's own workers.
  if (name === 'feed-worker' || name === 'network-worker' || name === 'mailer') {
    env.KAFKA_GROUP_ID = uniqueId(`startup-${name}`);
    env.FEED_FROM_BEGINNING = 'false';
    env.NETWORK_FROM_BEGINNING = 'false';
    env.MAILER_FROM_BEGINNING = 'false';
  }
  return env;
}

async function measure(name: ServiceName, form: Form, secrets: Record<string, string>) {
  const env = await environment(name, form, secrets);
  const started = performance.now();
  const service = startProcess(name, serviceArgs(name, form), env);
  try {
    await waitUntilReady(service);
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { readyMs, rss: rssMiB(service.child.pid as number) };
  } finally {
    await service.stop();
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  ensureBuild();
  const secrets = { ...(await writeSecretFiles(mkdtempSync(join(tmpdir(), 'flock-startup-')))) };
  const load = loadavg()[0]?.toFixed(1);
  const rows: string[] = [];
  for (const name of Object.keys(serviceEntries) as ServiceName[]) {
    const results: Record<Form, { readyMs: number; rss: number }[]> = { dev: [], prod: [] };
    for (let run = 0; run < runs; run++) {
      for (const form of ['dev', 'prod'] as const)
        results[form].push(await measure(name, form, secrets));
    }
    const dev = {
      ms: median(results.dev.map((r) => r.readyMs)),
      rss: median(results.dev.map((r) => r.rss)),
    };
    const prod = {
      ms: median(results.prod.map((r) => r.readyMs)),
      rss: median(results.prod.map((r) => r.rss)),
    };
    const row = `| ${name} | ${(dev.ms / 1000).toFixed(2)} | ${(prod.ms / 1000).toFixed(2)} | ${dev.rss} | ${prod.rss} |`;
    process.stdout.write(`${row}\n`);
    rows.push(row);
  }
  const report = [
    `\n## ${new Date().toISOString()}\n`,
    `${machine()}; load average ${load} at the start (others' work shares these 2 cores); median of ${runs} runs.\n`,
    '| service | start dev (s) | start prod (s) | RSS dev (MiB) | RSS prod (MiB) |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  appendFileSync(join(import.meta.dirname, 'results', 'startup.md'), report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
