import type { Logger } from '@flock/logger';

/** One step of shutdown, run in the order given: stop accepting first, close clients last. */
export interface ShutdownStep {
  name: string;
  close: () => Promise<unknown>;
}

/** A started service: where it listens and how to stop it (used by main() and by tests). */
export interface RunningService {
  url: string;
  steps: ShutdownStep[];
}

/** Runs the steps in order, each with a time limit; a failing step does not stop the rest. */
export async function runSteps(
  steps: ShutdownStep[],
  logger?: Logger,
  stepTimeoutMs = 10_000,
): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    try {
      await Promise.race([
        step.close(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('timed out')), stepTimeoutMs).unref(),
        ),
      ]);
      logger?.debug({ step: step.name }, 'closed');
    } catch (error) {
      ok = false;
      logger?.error({ err: error, step: step.name }, 'shutdown step failed');
    }
  }
  return ok;
}

/**
 * Runs the steps once on SIGTERM or SIGINT, each with its own time limit, then exits.
 * A step that fails or hangs is logged and the rest still run.
 */
export function onShutdown(
  logger: Logger,
  steps: ShutdownStep[],
  { stepTimeoutMs = 10_000, exit = (code: number) => process.exit(code) } = {},
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    running ??= (async () => {
      logger.info({ signal }, 'shutting down');
      const ok = await runSteps(steps, logger, stepTimeoutMs);
      logger.info('stopped');
      exit(ok ? 0 : 1);
    })();
    return running;
  };
  // `on`, not `once`: a second signal (a process group's and a supervisor's) must not kill
  // the process mid-drain; shutdown runs once whatever arrives.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return () => shutdown('manual');
}
