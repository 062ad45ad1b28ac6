export {
  type HttpServerOptions,
  type ReadinessChecks,
  type RequestHandler,
  type RunningHttpServer,
  sendJson,
  startHttpServer,
} from './http-server';
export {
  type Listen,
  type Resource,
  type ResourceRegistry,
  ServiceResources,
  startService,
} from './lifecycle';
export { type LoggingEnv, runMain, runService } from './run-main';
export { onShutdown, type RunningService, runSteps, type ShutdownStep } from './shutdown';
export { runWorkers, type WorkersOptions } from './workers';
