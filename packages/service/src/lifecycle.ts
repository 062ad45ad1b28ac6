import type { Logger } from '@flock/logger';
import { ServiceMetrics } from '@flock/telemetry';
import { type ReadinessChecks, type RequestHandler, startHttpServer } from './http-server';
import { type RunningService, runSteps, type ShutdownStep } from './shutdown';

/**
 * What a service holds open: how to tell it is usable (`/readyz`) and how to let it go.
 * Readiness means "can answer requests": `ready` is for what the service can do nothing
 * without (its own store); `health` is for what it degrades without (a cache, a rate-limit
 * store, Kafka behind an outbox): reported by /readyz, never a reason to leave the load
 * balancer, since every replica would leave together and the partial answers with them.
 */
export interface Resource {
  ready?: () => Promise<unknown>;
  health?: () => Promise<unknown>;
  /** Absent for a dependency the service only checks (e.g. another service's endpoint). */
  close?: () => Promise<unknown>;
}

/** Where resources are registered as they are acquired (kit helpers take this). */
export interface ResourceRegistry {
  add(name: string, resource: Resource): void;
  /** The service's Prometheus metrics, served at /metrics. */
  readonly metrics: ServiceMetrics;
}

export interface Listen {
  host: string;
  port: number;
  /** Everything that is not a health route; a worker has none. */
  handler?: RequestHandler;
}

/**
 * A service's resources, registered where each is acquired: readiness checks in that order,
 * shutdown steps in the reverse order (stop accepting first, close clients last).
 */
export class ServiceResources implements ResourceRegistry {
  private readonly acquired: { name: string; resource: Resource }[] = [];

  /** `metrics` defaults to a registry of its own, without the runtime's series (tests). */
  constructor(
    readonly metrics: ServiceMetrics = new ServiceMetrics('service', { runtime: false }),
  ) {}

  add(name: string, resource: Resource): void {
    this.acquired.push({ name, resource });
  }

  readiness(): ReadinessChecks {
    return this.checks('ready');
  }

  health(): ReadinessChecks {
    return this.checks('health');
  }

  private checks(kind: 'ready' | 'health'): ReadinessChecks {
    const checks: ReadinessChecks = {};
    for (const { name, resource } of this.acquired) {
      const check = resource[kind];
      if (check) checks[name] = check;
    }
    return checks;
  }

  steps(): ShutdownStep[] {
    return [...this.acquired]
      .reverse()
      .flatMap(({ name, resource }) => (resource.close ? [{ name, close: resource.close }] : []));
  }
}

/**
 * Starts a service: `acquire` connects what it needs, registering each resource on the
 * registry, and says where to listen; then the HTTP server (health routes + handler) starts.
 * If anything fails on the way, what was already acquired is closed again.
 */
export async function startService(
  logger: Logger,
  acquire: (resources: ResourceRegistry) => Promise<Listen>,
): Promise<RunningService> {
  // The service's name is its logger's (createLogger's base, or a test's child binding).
  const service = String(logger.bindings().service ?? 'flock');
  const resources = new ServiceResources(new ServiceMetrics(service));
  try {
    const { host, port, handler } = await acquire(resources);
    const http = await startHttpServer({
      logger,
      host,
      port,
      handler,
      readiness: resources.readiness(),
      health: resources.health(),
      metrics: resources.metrics,
    });
    resources.add('http', { close: () => http.close() });
    return { url: http.url, steps: resources.steps() };
  } catch (error) {
    await runSteps(resources.steps(), logger);
    throw error;
  }
}
