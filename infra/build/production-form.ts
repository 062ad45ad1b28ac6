import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateJwk } from '@flock/auth';
import type { ServiceName } from '@flock/env';

/**
 * Running the services in their production form on this machine (the production test, the
 * start-up benchmark): what `npm run build` makes, where each service's entry is, and the
 * secrets production requires, given as files.
 */

export const repoRoot = join(import.meta.dirname, '..', '..');

/** Each service's workspace and entry (src/bin/<entry>.ts, dist/<entry>.js). */
export const serviceEntries: Record<ServiceName, { workspace: string; entry: string }> = {
  gateway: { workspace: 'gateway', entry: 'server' },
  identity: { workspace: 'subgraphs/identity', entry: 'server' },
  network: { workspace: 'subgraphs/network', entry: 'server' },
  'network-worker': { workspace: 'subgraphs/network', entry: 'worker' },
  posts: { workspace: 'subgraphs/posts', entry: 'server' },
  feed: { workspace: 'subgraphs/feed', entry: 'server' },
  'feed-worker': { workspace: 'subgraphs/feed', entry: 'worker' },
  mailer: { workspace: 'workers/mailer', entry: 'worker' },
};

/** `node <args>` from the repo root: the build (`prod`) or the sources through tsx (`dev`). */
export function serviceArgs(name: ServiceName, form: 'dev' | 'prod'): string[] {
  const { workspace, entry } = serviceEntries[name];
  return form === 'prod'
    ? [join(repoRoot, workspace, 'dist', `${entry}.js`)]
    : ['--import', 'tsx', join(repoRoot, workspace, 'src', 'bin', `${entry}.ts`)];
}

/** Where the build's inputs live (besides package-lock.json and prisma/). */
const sourceDirs = [
  ...new Set(Object.values(serviceEntries).map(({ workspace }) => join(workspace, 'src'))),
  'packages',
  'infra/jobs',
  'infra/build',
  'prisma',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Every bundle exists and is newer than every source it is made from. */
export function buildIsFresh(): boolean {
  const outputs = [
    ...Object.values(serviceEntries).map(({ workspace, entry }) =>
      join(repoRoot, workspace, 'dist', `${entry}.js`),
    ),
    join(repoRoot, 'dist', 'jobs', 'migrate.js'),
    join(repoRoot, 'dist', 'jobs', 'create-topics.js'),
  ];
  if (!outputs.every((file) => existsSync(file))) return false;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const inputs = [...sourceDirs, 'package-lock.json'].map((path) => join(repoRoot, path));
  return Math.max(...inputs.map(newestMtime)) < built;
}

/** Runs `npm run build` unless the build is fresh. */
export function ensureBuild(): void {
  if (buildIsFresh()) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`npm run build failed:\n${result.stderr}${result.stdout}`);
}

/** Production's secrets, made fresh, each in a file of `dir` (as a mounted secret would be). */
export interface SecretFiles {
  JWT_PRIVATE_KEY_FILE: string;
  EMAIL_TOKEN_KEY_FILE: string;
  REFRESH_TOKEN_KEY_FILE: string;
}

/** A file holding `value` in `dir`, for a `<NAME>_FILE` variable. Mounted secrets end with
 *  a newline more often than not: so does this one. */
export function secretFile(dir: string, name: string, value: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return path;
}

export async function writeSecretFiles(dir: string): Promise<SecretFiles> {
  const key = () => randomBytes(32).toString('base64url');
  return {
    JWT_PRIVATE_KEY_FILE: secretFile(
      dir,
      'jwt-private-key',
      JSON.stringify(await generatePrivateJwk()),
    ),
    EMAIL_TOKEN_KEY_FILE: secretFile(dir, 'email-token-key', key()),
    REFRESH_TOKEN_KEY_FILE: secretFile(dir, 'refresh-token-key', key()),
  };
}

/** A service process started by a test or a benchmark. */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** What it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then its exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

/**
 * Starts `node <args>` with exactly `env` (and PATH): nothing of the caller's environment
 * leaks in, so the service runs on what it was given.
 */
export function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
): ServiceProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    name,
    url: `http://127.0.0.1:${env.PORT}`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resolves once `/readyz` answers 200; fails with the process's output if it exits first. */
export async function waitUntilReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${service.name} exited at start:\n${service.output()}`);
    }
    const ok = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`${service.name} not ready within ${timeoutMs} ms:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resident memory of a process (MiB), from /proc. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}
