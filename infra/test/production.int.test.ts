import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicJwkOf } from '@flock/auth';
import { databaseUrlFor } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { freePort, uniqueId } from '@flock/testing';
import type { JWK } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBuild,
  repoRoot,
  type ServiceProcess,
  secretFile,
  serviceArgs,
  startProcess,
  waitUntilReady,
  writeSecretFiles,
} from '../build/production-form';

/**
 * The production form, as a cluster runs it: the build (`npm run build`, made here unless
 * fresh) run with plain `node`, NODE_ENV=production, secrets given as files, the supergraph
 * from a mounted path, migrations by the migrate job before identity starts (on a database
 * of its own). Gateway and identity run on ports of their own; the gateway reaches the other
 * subgraphs of the running local stack.
 */
const stack = resolveLocalStack(process.env);
const prefix = `${uniqueId('prod').replace(/[^a-z0-9]/g, '_')}_`;
const identityDatabase = databaseUrlFor(stack.postgresUrl, 'identity', prefix);
const secrets = mkdtempSync(join(tmpdir(), 'flock-secrets-'));
const started: ServiceProcess[] = [];
let gateway: ServiceProcess;
let identity: ServiceProcess;

/** A built job, run to its end: its exit code and output. */
function runJob(job: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'jobs', `${job}.js`)], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  ensureBuild();
  const secretEnv = await writeSecretFiles(secrets);
  const databaseUrlFile = secretFile(secrets, 'identity-database-url', identityDatabase);
  // As the ConfigMap is mounted in a cluster.
  const supergraph = join(secrets, 'supergraph.graphql');
  copyFileSync(join(repoRoot, 'schema', 'supergraph.graphql'), supergraph);

  const migrated = runJob('migrate', {
    IDENTITY_DATABASE_URL_FILE: databaseUrlFile,
    MIGRATE_TARGETS: 'identity',
  });
  expect(migrated.status, migrated.output).toBe(0);
  expect(migrated.output).toContain('"applied":["20261127000000_init"');

  const identityPort = await freePort();
  const identityUrl = `http://127.0.0.1:${identityPort}`;
  identity = startProcess('identity', serviceArgs('identity', 'prod'), {
    NODE_ENV: 'production',
    PORT: String(identityPort),
    LOG_LEVEL: 'warn',
    DATABASE_URL_FILE: databaseUrlFile,
    REDIS_URL: stack.redisUrl,
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    ...secretEnv,
  });
  started.push(identity);
  await waitUntilReady(identity);

  const gatewayPort = await freePort();
  gateway = startProcess('gateway', serviceArgs('gateway', 'prod'), {
    NODE_ENV: 'production',
    PORT: String(gatewayPort),
    LOG_LEVEL: 'warn',
    SUPERGRAPH_PATH: supergraph,
    REDIS_URL_FILE: secretFile(secrets, 'redis-url', stack.redisUrl),
    IDENTITY_JWKS_URL: `${identityUrl}/.well-known/jwks.json`,
    IDENTITY_URL: `${identityUrl}/graphql`,
    NETWORK_URL: stack.subgraphUrl('network'),
    POSTS_URL: stack.subgraphUrl('posts'),
    FEED_URL: stack.subgraphUrl('feed'),
    // Behind a proxy on loopback (the test), as behind an ingress: the client address comes
    // from X-Forwarded-For, so this run's registration has its own per-client limit.
    TRUSTED_PROXIES: 'loopback',
    RATE_LIMIT_NAMESPACE: prefix.slice(0, -1).replace(/_/g, '-'),
  });
  started.push(gateway);
  await waitUntilReady(gateway);
}, 300_000);

afterAll(async () => {
  await Promise.all(started.map((service) => service.stop()));
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${prefix}identity" WITH (FORCE)`);
  await admin.end();
});

async function graphql(query: string, variables: object = {}, token?: string) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // A client address of this run's own (documentation range, a random /64).
      'x-forwarded-for': `2001:db8:${randomHex()}:${randomHex()}::1`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const randomHex = () => Math.floor(Math.random() * 0xffff).toString(16);

describe('the production form (npm run build, node, NODE_ENV=production, secrets as files)', () => {
  it('is ready, and signs with the key from its file (not a development key)', async () => {
    for (const service of [identity, gateway]) {
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status, service.name).toBe(200);
    }
    const jwks = (await (await fetch(`${identity.url}/.well-known/jwks.json`)).json()) as {
      keys: JWK[];
    };
    const key = JSON.parse(readFileSync(join(secrets, 'jwt-private-key'), 'utf8')) as JWK;
    expect(jwks.keys.map((k) => k.kid)).toEqual([(await publicJwkOf(key)).kid]);
  });

  it('answers GraphQL through the gateway: register, then a signed-in query', async () => {
    const username = uniqueId('prod')
      .replace(/[^a-z0-9]/g, '')
      .slice(-20);
    const registered = await graphql(
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { username } } }',
      { input: { username, email: `${username}@example.com`, password: 'correct horse battery' } },
    );
    expect(registered.body.errors).toBeUndefined();
    const token = registered.body.data.register.accessToken as string;
    const me = await graphql('{ me { username } }', {}, token);
    expect(me.body).toEqual({ data: { me: { username } } });
  });

  it('runs as production: no introspection', async () => {
    const introspection = await graphql('{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(400);
    expect(JSON.stringify(introspection.body)).toMatch(/introspection/i);
  });

  it('makes topics with the create-topics job (they exist already: it changes nothing)', () => {
    const job = runJob('create-topics', { KAFKA_BROKERS: stack.kafkaBrokers.join(',') });
    expect(job.status, job.output).toBe(0);
    expect(job.output).toContain('every topic exists');
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await gateway.stop()).toBe(0);
    expect(await identity.stop()).toBe(0);
  });
});
