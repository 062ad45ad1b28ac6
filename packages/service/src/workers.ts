import cluster, { type Worker } from 'node:cluster';
import { createLogger } from '@flock/logger';
import { serveClusterMetrics } from '@flock/telemetry';

export interface WorkersOptions {
  /** The service's name, for messages. */
  service: string;
  /** How many processes serve; 1 runs `start` in this process. */
  workers: number;
  /** A worker that dies is replaced after this delay. */
  restartDelayMs?: number;
}

/**
 * Runs a stateless HTTP service as `workers` processes sharing its port (node:cluster), so
 * one machine's cores all serve it; each worker runs `start` as a lone process would, with
 * its own graceful shutdown. Call it inside runMain. The primary only supervises:
 * - a worker that dies after it started listening is replaced;
 * - a worker that dies before listening (bad configuration, no dependency) stops everything
 *   with exit code 1, as a lone process would;
 * - SIGTERM or SIGINT is passed to every worker, and the primary exits once they all have
 *   (with 1 if any of them failed to stop cleanly).
 */
export async function runWorkers(
  { service, workers, restartDelayMs = 1_000 }: WorkersOptions,
  start: () => Promise<unknown>,
): Promise<void> {
  if (workers <= 1 || cluster.isWorker) {
    await start();
    return;
  }
  // The primary's own messages (its workers log for themselves), on stderr.
  const logger = createLogger({ service, destination: 2 });
  let stopping = false;
  let failed = false;
  const listening = new WeakSet<Worker>();
  // A scrape of /metrics reaches one worker, which asks here for every worker's.
  serveClusterMetrics();

  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => listening.add(worker));
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!listening.has(worker)) {
      logger.error({ exit: code ?? signal }, 'a worker failed to start: stopping');
      stop('start-up failure', 1);
      return;
    }
    logger.warn({ pid: worker.process.pid, exit: code ?? signal }, 'a worker died: replacing it');
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs);
  });

  function stop(reason: string, exitCode = 0) {
    if (exitCode !== 0) failed = true;
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(failed ? 1 : 0);
    for (const worker of running) worker?.process.kill('SIGTERM');
    logger.info({ reason, workers: running.length }, 'stopping the workers');
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < workers; i++) fork();
}
