import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollFor } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedStack, secondStackEnv, traceViewer, tracingEnv } from '../stack';
import { repoRoot } from '../stack/paths';

// The OpenTelemetry SDK that @flock/telemetry uses (2.x, installed under that workspace; the
// root node_modules holds an older 1.x for other packages), loaded from there.
const fromTelemetry = createRequire(join(repoRoot, 'packages', 'telemetry', 'package.json'));
const { BasicTracerProvider, SimpleSpanProcessor } = fromTelemetry(
  '@opentelemetry/sdk-trace-base',
) as SdkTraceBase;
const { ZipkinExporter } = fromTelemetry('@opentelemetry/exporter-zipkin') as ExporterZipkin;
const { resourceFromAttributes } = fromTelemetry('@opentelemetry/resources') as Resources;

/** The part of the SDK used here (2.x: processors are given to the provider's constructor). */
interface SdkTraceBase {
  BasicTracerProvider: new (config: {
    resource: unknown;
    spanProcessors: unknown[];
  }) => {
    getTracer(name: string): { startSpan(name: string): TestSpan };
    forceFlush(): Promise<void>;
    shutdown(): Promise<void>;
  };
  SimpleSpanProcessor: new (exporter: unknown) => unknown;
}
interface ExporterZipkin {
  ZipkinExporter: new (config: { url: string }) => unknown;
}
interface Resources {
  resourceFromAttributes(attributes: Record<string, string>): unknown;
}
interface TestSpan {
  setAttribute(key: string, value: string): void;
  spanContext(): { traceId: string; spanId: string };
  end(): void;
}
interface ZipkinSpan {
  traceId: string;
  id: string;
  name: string;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

// A second stack's Zipkin alone: its own port (9411 + 20000) and state dir, tracing on.
const stateDir = mkdtempSync(join(tmpdir(), 'flock-zipkin-'));
const env = secondStackEnv({ stateDir, offset: 20_000, tracing: true, dbPrefix: 'zipkin_' });
const stack = isolatedStack(env);
const viewer = traceViewer(stack);
const port = Number(new URL(stack.zipkinUrl).port);

describe('the local trace viewer (Zipkin)', () => {
  beforeAll(async () => {
    if (!(await isFree(port))) throw new Error(`port ${port} is taken: is a Zipkin left running?`);
    // The first run resolves the jar from Maven Central (about 135 MB).
    await viewer.start();
  }, 240_000);

  afterAll(async () => {
    await viewer.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('gives services the standard OpenTelemetry variables for it, every request sampled', () => {
    expect(tracingEnv(stack)).toEqual({
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `http://127.0.0.1:${port}/api/v2/spans`,
      OTEL_TRACES_SAMPLER_ARG: '1',
      FLOCK_TRACE_CONTEXT: 'async',
    });
  });

  it('keeps a span exported with the Zipkin exporter and serves it by trace id', async () => {
    expect(await viewer.probe()).toBe(true);
    const exporter = new ZipkinExporter({
      url: tracingEnv(stack).OTEL_EXPORTER_ZIPKIN_ENDPOINT as string,
    });
    // The service name comes from the resource (the exporter's own `serviceName` option loses
    // to the resource's default, unknown_service:<node>).
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'zipkin-test' }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const span = provider.getTracer('flock-infra-test').startSpan('createpost');
    span.setAttribute('flock.check', 'round-trip');
    span.end();
    const { traceId, spanId } = span.spanContext();
    await provider.forceFlush();
    await provider.shutdown();

    // Zipkin indexes asynchronously (immediately in memory, but polled to be safe).
    const spans = await pollFor(
      async () => {
        const response = await fetch(`${stack.zipkinUrl}/api/v2/trace/${traceId}`);
        return response.ok ? ((await response.json()) as ZipkinSpan[]) : undefined;
      },
      { description: `trace ${traceId} in Zipkin` },
    );
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId,
      id: spanId,
      name: 'createpost',
      localEndpoint: { serviceName: 'zipkin-test' },
      tags: { 'flock.check': 'round-trip' },
    });

    const services = (await (await fetch(`${stack.zipkinUrl}/api/v2/services`)).json()) as string[];
    expect(services).toContain('zipkin-test');
    // The UI is served where `npm start` says it is.
    expect((await fetch(viewer.endpoint)).status).toBe(200);
  });

  it('listens on loopback only and frees its port when stopped', async () => {
    expect(viewer.endpoint).toBe(`http://127.0.0.1:${port}/zipkin/`);
    // Not reachable on this machine's other addresses (when it has one).
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside) {
      const reached = await fetch(`http://${outside.address}:${port}/health`, {
        signal: AbortSignal.timeout(2000),
      }).then(
        () => true,
        () => false,
      );
      expect(reached).toBe(false);
    }
    expect(await viewer.stop()).toBe(true);
    expect(await viewer.probe().catch(() => false)).toBe(false);
    expect(await isFree(port)).toBe(true);
  });
});

/** Can this process listen on 127.0.0.1:`port`? */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
