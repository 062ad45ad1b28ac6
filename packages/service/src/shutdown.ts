import type { Logger } from '@flock/logger';

/** One step of shutdown, run in the order given: stop accepting first, close clients last. */
export interface ShutdownStep {
  name: string;
  close: () => Promise<unknown>;
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
      let failed = false;
      for (const step of steps) {
        try {
          await Promise.race([
            step.close(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('timed out')), stepTimeoutMs).unref(),
            ),
          ]);
          logger.debug({ step: step.name }, 'closed');
        } catch (error) {
          failed = true;
          logger.error({ err: error, step: step.name }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      exit(failed ? 1 : 0);
    })();
    return running;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return () => shutdown('manual');
}
