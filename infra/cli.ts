import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './stack/paths';
import { progress } from './stack/progress';
import { down, localStackFromEnv, status, up } from './stack/stack';

const usage = `usage: infra/cli.ts <command>
  up        start the local infrastructure (idempotent)
  down      stop what "up" started
  status    show what answers
  start     infrastructure, then every service (npm start)
  test      infrastructure, then vitest (extra arguments go to vitest)`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const stack = localStackFromEnv();
  switch (command) {
    case 'up':
      await up(stack);
      return 0;
    case 'down':
      await down(stack);
      return 0;
    case 'status':
      return (await status(stack)) ? 0 : 1;
    case 'start':
      await up(stack);
      printUrls(stack.mailWebUrl, stack.neo4jUri, stack.kafkaBroker);
      return 0;
    case 'test':
      await up(stack);
      return run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', ...rest]);
    default:
      console.error(usage);
      return 2;
  }
}

function printUrls(mailWebUrl: string, neo4jUri: string, kafkaBroker: string): void {
  progress.ok('Flock is up');
  progress.info(`mail inbox     ${mailWebUrl}`);
  progress.info(`neo4j (bolt)   ${neo4jUri}`);
  progress.info(`kafka          ${kafkaBroker}`);
  progress.info('stop the infrastructure with: npm run infra:down');
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
