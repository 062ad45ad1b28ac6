import { EnvError } from '@flock/env';
import { createLogger, type Logger } from '@flock/logger';
import { startTracing, tracingSettingsFromEnv } from '@flock/telemetry';
import { onShutdown, type RunningService } from './shutdown';
import { runWorkers } from './workers';

/**
 * Runs a service's main(). A configuration error logs its one message (every bad variable)
 * and exits 1; any other start-up failure is logged with its stack.
 */
export function runMain(service: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    // The configuration may be what failed: a logger of defaults, on stderr, written at once.
    const logger = createLogger({ service, destination: 2 });
    if (error instanceof EnvError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  });
}

/** What every service's configuration holds for its logger. */
export interface LoggingEnv {
  LOG_LEVEL: string;
  LOG_PRETTY: boolean;
}

/**
 * A service's whole main(): loads its configuration, creates its logger, starts it (in
 * `workers(env)` processes, one by default) and stops it in order on SIGTERM or SIGINT.
 */
export function runService<E extends LoggingEnv>(
  service: string,
  loadEnv: (source: Record<string, string | undefined>) => E,
  start: (env: E, logger: Logger) => Promise<RunningService>,
  {
    workers = () => 1,
    traceContext = 'explicit',
  }: {
    workers?: (env: E) => number;
    /**
     * How traces follow work in this service unless FLOCK_TRACE_CONTEXT says otherwise:
     * `explicit` for HTTP services (no AsyncLocalStorage on the request path), `async` for
     * workers (see TracingSettings.contextPropagation).
     */
    traceContext?: 'async' | 'explicit';
  } = {},
): void {
  runMain(service, async () => {
    const env = loadEnv(process.env);
    await runWorkers({ service, workers: workers(env) }, async () => {
      const logger = createLogger({ service, level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
      // Traces are exported once an endpoint is configured (OTEL_EXPORTER_ZIPKIN_ENDPOINT).
      const tracing = tracingSettingsFromEnv(service, process.env, traceContext);
      const traces = tracing ? startTracing(tracing) : undefined;
      if (tracing) {
        const { sampleRatio, contextPropagation } = tracing;
        logger.info({ sampleRatio, contextPropagation }, 'tracing on');
      }
      const running = await start(env, logger);
      // Spans still buffered are exported last, after everything else stopped.
      const steps = traces
        ? [...running.steps, { name: 'tracing', close: () => traces.shutdown() }]
        : running.steps;
      onShutdown(logger, steps);
    });
  });
}
