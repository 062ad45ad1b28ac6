import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORRELATION_HEADER, correlationIdFrom, type Logger } from '@flock/logger';
import type { ServiceMetrics } from '@flock/telemetry';

/** A named dependency check for /readyz: resolves when the dependency answers. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  readiness?: ReadinessChecks;
  /** Dependencies the service degrades without: reported under `degraded`, never unready. */
  health?: ReadinessChecks;
  /** Everything that is not a health route; defaults to 404. */
  handler?: RequestHandler;
  readinessTimeoutMs?: number;
  /** Served at GET /metrics (Prometheus text format). */
  metrics?: ServiceMetrics;
}

export interface RunningHttpServer {
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger, readiness = {}, health = {}, readinessTimeoutMs = 2000 } = options;
  let shuttingDown = false;

  const server = createServer((req, res) => {
    // The request's correlation id: the caller's when sane, a new one otherwise. It is written
    // back on the request, so handlers read it from there and pass it on explicitly (in the
    // GraphQL context) rather than through AsyncLocalStorage, whose promise hooks cost the hot
    // read path 10-20 % of its CPU on Node 20.
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    req.headers[CORRELATION_HEADER] = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    // While draining, a connection is closed as soon as its last response is sent.
    res.once('finish', () => {
      if (shuttingDown) setImmediate(() => server.closeIdleConnections());
    });
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url, correlationId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      if (shuttingDown) return sendJson(res, 503, { status: 'shutting down' });
      const [checks, dependencies] = await Promise.all([
        runChecks(readiness, readinessTimeoutMs),
        runChecks(health, readinessTimeoutMs),
      ]);
      const ok = Object.values(checks).every((c) => c === 'ok');
      const degraded = Object.fromEntries(
        Object.entries(dependencies).filter(([, outcome]) => outcome !== 'ok'),
      );
      const isDegraded = Object.keys(degraded).length > 0;
      if (!ok) logger.warn({ checks, degraded }, 'not ready');
      else if (isDegraded) logger.warn({ degraded }, 'degraded');
      const status = !ok ? 'unavailable' : isDegraded ? 'degraded' : 'ok';
      return sendJson(res, ok ? 200 : 503, {
        status,
        checks: { ...checks, ...dependencies },
        ...(isDegraded ? { degraded } : {}),
      });
    }
    if (path === '/metrics' && options.metrics) {
      const text = await options.metrics.metrics();
      res.writeHead(200, { 'content-type': options.metrics.contentType });
      res.end(text);
      return;
    }
    if (options.handler) return options.handler(req, res);
    sendJson(res, 404, { error: 'not found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host}:${address.port}`;
  logger.info({ url }, 'http server listening');

  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        shuttingDown = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

async function runChecks(
  checks: ReadinessChecks,
  timeoutMs: number,
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), timeoutMs);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
