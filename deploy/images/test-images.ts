/**
 * `npm run test:images`: builds every image (deploy/images/build.sh, buildah, no Docker
 * engine), then runs the images against the local stack that `npm start` runs: the jobs image
 * migrates a database of its own and checks the topics, then identity and the gateway start
 * from their images (`buildah run --isolation chroot`, host network, their own ports) in
 * production mode with secrets as files mounted read-only, and must answer /readyz with 200,
 * pass their image's HEALTHCHECK, and serve GraphQL. Everything it started is stopped and
 * removed at the end. Needs root, buildah and debootstrap; takes minutes (SKIP_BUILD=1 uses
 * the images as they are).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlFor } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { freePort, pollFor, uniqueId } from '@flock/testing';
import pg from 'pg';
import { repoRoot, secretFile, writeSecretFiles } from '../../infra/build/production-form';

const tag = process.env.TAG ?? 'dev';
const image = (target: string) => `localhost/flock-${target}:${tag}`;
const stack = resolveLocalStack(process.env);
const prefix = `${uniqueId('images').replace(/[^a-z0-9]/g, '_')}_`;
const runtimeUid = 1000; // the images' USER

const buildah = (...args: string[]) => ['buildah', '--storage-driver', 'vfs', ...args];

function run(command: string[], options: { input?: string } = {}): string {
  const [file = '', ...args] = command;
  const result = spawnSync(file, args, { encoding: 'utf8', input: options.input });
  if (result.status !== 0)
    throw new Error(`${command.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return result.stdout.trim();
}

interface Container {
  name: string;
  id: string;
  /** The `buildah run` process of its command, when one is running. */
  process?: ChildProcess;
  output: string;
}
const containers: Container[] = [];

function createContainer(target: string): Container {
  const id = run(buildah('from', '--pull-never', image(target)));
  const container = { name: target, id, output: '' };
  containers.push(container);
  return container;
}

/** `buildah run` options: chroot isolation, host network, env, read-only mounts. */
function runOptions(env: Record<string, string>, mounts: Record<string, string>): string[] {
  return [
    '--isolation',
    'chroot',
    '--network',
    'host',
    ...Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
    ...Object.entries(mounts).flatMap(([host, path]) => ['--volume', `${host}:${path}:ro`]),
  ];
}

/**
 * The image's Docker config (`buildah inspect`'s JSON: older buildah releases, like Debian
 * 12's, have no `json` function in --format templates).
 */
function imageConfig(target: string): { Cmd: string[]; Healthcheck?: { Test: string[] } | null } {
  return JSON.parse(run(buildah('inspect', '--type', 'image', image(target)))).Docker.config;
}

/** The image's own command (CMD), as a cluster would start it. */
function imageCommand(target: string): string[] {
  return imageConfig(target).Cmd;
}

/** A one-shot command in a container of `target`, to its end: exit code and output. */
function runToEnd(
  target: string,
  command: string[],
  env: Record<string, string>,
  mounts: Record<string, string> = {},
) {
  const container = createContainer(target);
  const [file = '', ...args] = buildah(
    'run',
    ...runOptions(env, mounts),
    container.id,
    '--',
    ...command,
  );
  const result = spawnSync(file, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Starts `target`'s own command in a container of it; resolves when /readyz answers 200. */
async function startService(
  target: string,
  env: Record<string, string>,
  mounts: Record<string, string>,
): Promise<{ container: Container; url: string; readyMs: number }> {
  const container = createContainer(target);
  const [file = '', ...args] = buildah(
    'run',
    ...runOptions(env, mounts),
    container.id,
    '--',
    ...imageCommand(target),
  );
  const started = Date.now();
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  container.process = child;
  const keep = (chunk: Buffer) => {
    container.output = (container.output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${env.PORT}`;
  await pollFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${target} exited:\n${container.output}`);
      return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) })).status === 200;
    },
    { timeoutMs: 90_000, intervalMs: 100, description: `${target} /readyz 200` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${container.output}`);
  });
  return { container, url, readyMs: Date.now() - started };
}

/** The image's HEALTHCHECK command, run in the (running) container. */
function healthcheck(target: string, container: Container, env: Record<string, string>): number {
  const check = imageConfig(target).Healthcheck;
  if (check?.Test[0] !== 'CMD') throw new Error(`${target} has no HEALTHCHECK CMD`);
  const [file = '', ...args] = buildah(
    'run',
    ...runOptions(env, {}),
    container.id,
    '--',
    ...check.Test.slice(1),
  );
  return spawnSync(file, args).status ?? 1;
}

/** SIGTERM to the service inside (the node process), then its container is removed. */
async function stopAll(): Promise<void> {
  for (const container of containers.reverse()) {
    const child = container.process;
    if (child && child.exitCode === null) {
      // buildah run passes SIGTERM on to the command: the service shuts down gracefully.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    spawnSync('buildah', buildah('rm', container.id).slice(1));
  }
}

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${prefix}identity" WITH (FORCE)`);
  await admin.end();
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
  say(`  ✓ ${message}`);
}

async function main(): Promise<void> {
  if (!process.env.SKIP_BUILD) {
    const built = spawnSync('bash', [join(repoRoot, 'deploy', 'images', 'build.sh')], {
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('deploy/images/build.sh failed');
  }

  // Secrets as a cluster mounts them: files, read-only, readable by the images' user.
  mkdirSync(join(repoRoot, '.flock', 'images'), { recursive: true });
  const secrets = mkdtempSync(join(repoRoot, '.flock', 'images', 'secrets-'));
  const files = await writeSecretFiles(secrets);
  secretFile(
    secrets,
    'identity-database-url',
    databaseUrlFor(stack.postgresUrl, 'identity', prefix),
  );
  const supergraphDir = join(secrets, 'supergraph');
  mkdirSync(supergraphDir);
  copyFileSync(
    join(repoRoot, 'schema', 'supergraph.graphql'),
    join(supergraphDir, 'supergraph.graphql'),
  );
  run(['chown', '-R', `${runtimeUid}:${runtimeUid}`, secrets]);
  const mount = { [secrets]: '/run/secrets/flock' };
  const inContainer = (file: string) => file.replace(secrets, '/run/secrets/flock');

  try {
    say('jobs image:');
    const migrated = runToEnd(
      'jobs',
      imageCommand('jobs'),
      {
        IDENTITY_DATABASE_URL_FILE: '/run/secrets/flock/identity-database-url',
        MIGRATE_TARGETS: 'identity,neo4j',
        NEO4J_URI: stack.neo4jUri,
      },
      mount,
    );
    check(
      migrated.status === 0 && migrated.output.includes('"migrated"'),
      'migrate (its CMD) migrated a new database and Neo4j',
    );
    const topics = runToEnd('jobs', ['node', 'dist/jobs/create-topics.js'], {
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    });
    check(
      topics.status === 0 && topics.output.includes('every topic exists'),
      'create-topics found every topic',
    );

    say('identity and gateway images:');
    const identityEnv = {
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      DATABASE_URL_FILE: '/run/secrets/flock/identity-database-url',
      REDIS_URL: stack.redisUrl,
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      JWT_PRIVATE_KEY_FILE: inContainer(files.JWT_PRIVATE_KEY_FILE),
      EMAIL_TOKEN_KEY_FILE: inContainer(files.EMAIL_TOKEN_KEY_FILE),
      REFRESH_TOKEN_KEY_FILE: inContainer(files.REFRESH_TOKEN_KEY_FILE),
    };
    const identity = await startService('identity', identityEnv, mount);
    check(true, `identity ready (/readyz 200) ${identity.readyMs} ms after buildah run`);

    const gatewayEnv = {
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      SUPERGRAPH_PATH: '/etc/flock/supergraph/supergraph.graphql',
      REDIS_URL: stack.redisUrl,
      IDENTITY_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
      IDENTITY_URL: `${identity.url}/graphql`,
      NETWORK_URL: stack.subgraphUrl('network'),
      POSTS_URL: stack.subgraphUrl('posts'),
      FEED_URL: stack.subgraphUrl('feed'),
    };
    const gateway = await startService('gateway', gatewayEnv, {
      ...mount,
      [supergraphDir]: '/etc/flock/supergraph',
    });
    check(true, `gateway ready (/readyz 200) ${gateway.readyMs} ms after buildah run`);

    check(
      healthcheck('identity', identity.container, identityEnv) === 0,
      "identity passes its image's HEALTHCHECK",
    );
    check(
      healthcheck('gateway', gateway.container, gatewayEnv) === 0,
      "gateway passes its image's HEALTHCHECK",
    );

    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ user(username: "nobody_${Date.now().toString(36)}") { id } }`,
      }),
    });
    const body = (await response.json()) as { data?: { user: unknown } };
    check(
      response.status === 200 && body.data?.user === null,
      'the gateway answers GraphQL through identity (a user who does not exist: null)',
    );

    const jwks = await (await fetch(`${identity.url}/.well-known/jwks.json`)).json();
    check(
      (jwks as { keys: unknown[] }).keys.length === 1,
      'identity serves the signing key given as a file',
    );

    say('image sizes:');
    say(
      run(
        buildah(
          'images',
          '--format',
          '{{.Name}}:{{.Tag}} {{.Size}}',
          '--filter',
          'reference=localhost/flock-*',
        ),
      )
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  } finally {
    await stopAll();
    await dropDatabase();
    rmSync(secrets, { recursive: true, force: true });
  }
}

main().then(
  () => say('test:images passed'),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
