import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import type { LocalStack } from '@flock/env';
import { repoRoot } from './stack/paths';
import { ensurePrismaClients, migrateAll } from './stack/prisma';
import { progress } from './stack/progress';
import { down, localStackFromEnv, startAll, status, up } from './stack/stack';

const usage = `usage: infra/cli.ts <command>
  up        start the local infrastructure and migrate the databases (idempotent)
            (with Zipkin, the trace viewer, unless FLOCK_TRACING=off)
  migrate   apply pending database migrations
  down      stop what "up" started
  status    show what answers, who runs it, and services' restarts
  start     infrastructure, then every service (npm start)
  test      infrastructure (no Zipkin: tests need none; the Redis Cluster too), then vitest (extra arguments go to vitest)`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const stack = localStackFromEnv();
  ensurePrismaClients();
  switch (command) {
    case 'up':
      await up(stack);
      return 0;
    case 'migrate':
      await migrateAll(stack.postgresUrl, stack.postgresDbPrefix);
      return 0;
    case 'down':
      await down(stack);
      return 0;
    case 'status':
      return (await status(stack)) ? 0 : 1;
    case 'start':
      await startAll(stack);
      printUrls(stack);
      return 0;
    case 'test':
      // The tests need no trace viewer (the one that checks Zipkin starts its own), and the
      // Redis Cluster for what must also work on one.
      await up({ ...stack, tracing: false }, { redisCluster: true });
      return run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', ...rest]);
    default:
      console.error(usage);
      return 2;
  }
}

function printUrls(stack: LocalStack): void {
  progress.ok('Flock is up');
  progress.info(`Apollo Sandbox   http://127.0.0.1:${stack.ports.gateway}/graphql`);
  if (stack.tracing) progress.info(`Traces           ${stack.zipkinUrl}/zipkin/`);
  else progress.info('Traces           off (FLOCK_TRACING=off): no Zipkin, nothing exported');
  progress.info(`mail inbox       ${stack.mailWebUrl}`);
  const state = stack.stateDir.startsWith(`${repoRoot}/`)
    ? relative(repoRoot, stack.stateDir)
    : stack.stateDir;
  progress.info(`logs             ${state}/logs/<service>.log`);
  progress.info('stop everything with: npm stop');
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    progress.fail(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
