import { EnvError } from '@flock/env';

/**
 * Runs a service's main(). A configuration error prints its one message (every bad
 * variable) and exits 1; any other start-up failure is printed with its stack.
 */
export function runMain(service: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof EnvError) {
      console.error(`[${service}] ${error.message}`);
    } else {
      console.error(`[${service}] failed to start:`, error);
    }
    process.exit(1);
  });
}
